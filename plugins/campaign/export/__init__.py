"""Files for other programs: Atom, iCalendar, GIFT, Moodle XML, workbooks."""
