"""The levels and contracts a posting can have, and their labels."""


class Level:
    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


LEVEL_LABELS: dict[str, str] = {
    Level.INTERN: "Intern",
    Level.JUNIOR: "Junior",
    Level.MID: "Mid-level",
    Level.SENIOR: "Senior",
    Level.LEAD: "Lead / Principal",
    Level.EXECUTIVE: "Executive",
}


class Contract:
    FULL_TIME = "full-time"
    PART_TIME = "part-time"
    CONTRACT = "contract"
    INTERNSHIP = "internship"


CONTRACT_LABELS: dict[str, str] = {
    Contract.FULL_TIME: "Full-time",
    Contract.PART_TIME: "Part-time",
    Contract.CONTRACT: "Contract / Freelance",
    Contract.INTERNSHIP: "Internship",
}

SCHEMA_EMPLOYMENT_TYPES: dict[str, str] = {
    Contract.FULL_TIME: "FULL_TIME",
    Contract.PART_TIME: "PART_TIME",
    Contract.CONTRACT: "CONTRACTOR",
    Contract.INTERNSHIP: "INTERN",
}
