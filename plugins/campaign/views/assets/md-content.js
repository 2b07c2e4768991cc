/* mkdocs-material's partials/javascripts/content.html inline script as a file of the site, so the CSP needs no inline script
   (scripts/csp-hashes). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
