"""PDF rendering and the SVG the pages and prints draw: charts, QR codes, symbols."""
