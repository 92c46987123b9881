"""Enterprises' petitions (phản ánh, kiến nghị) under Decree 20/2008/NĐ-CP as amended: their states, the four
kinds of classification, the working-day deadlines and the escalation ladder, routing and duplicates. Pure
Python over small dataclasses; tiendo.petitions keeps the records."""
