"""The issue's large instance with the quickstart generator's own rules: 200 employees, 28 days, 10 locations.
Imports generate.py from the reference directory and adds an "XL" size: LARGE's distributions (shifts per timeslot,
optional skills), the day-preference counts scaled with the head count (×4), ten locations (start-time templates in
turn, as there), and enough distinct names for 200 people (the quickstart's 10×10 names give 100).
Usage: generate_xl.py REFERENCE_DIR SEED OUT.json"""
import os, sys

sys.path.insert(0, os.path.abspath(sys.argv[1]))
import generate as g  # noqa: E402

g.PARAMS["XL"] = dict(
    locations=("Ambulatory care", "Neurology", "Critical care", "Pediatric care", "Surgery", "Radiology", "Outpatient",
               "Emergency", "Oncology", "Maternity"),
    required_skills=("Doctor", "Nurse"),
    optional_skills=("Anaesthetics", "Cardiology", "Radiology"),
    days_in_schedule=28,
    employee_count=200,
    optional_skill_distribution=((1, 3), (2, 1)),
    shift_count_distribution=((1, 0.5), (2, 0.3), (3, 0.2)),
    availability_count_distribution=((20, 4), (40, 3), (60, 2), (80, 1)),
)
g.FIRST_NAMES = g.FIRST_NAMES + ("Kim", "Lea", "Max", "Nia", "Oto", "Pia", "Quin", "Rob", "Sam", "Tess")
g.LAST_NAMES = g.LAST_NAMES + ("Abel", "Bird", "Cruz", "Dunn", "Eyre")
g.dump(g.generate("XL", int(sys.argv[2])), sys.argv[3])
