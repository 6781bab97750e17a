"""Resumes: a PDF in, its text out, parsed into skills, projects and experience the user checks and saves.

    pdf.py        bytes -> text with pypdf, refusing what cannot be a usable resume (each with its own message)
    parse.py      the typed profile (`ResumeProfile`) and the offline section-heading parser
    llm_parse.py  the Groq parser: versioned prompt, resume text as delimited data, pydantic-validated JSON
    service.py    upload, save, get, delete for the signed-in user (file in the `FileStore`, row in the DB)
    tailoring.py  which resume topics the interviewer should bring up, and how the offline interviewer says it

Resume text is data from the user. It is never placed where a model could read it as instructions, and the
offline code only ever copies short skill names out of it into what the interviewer says.
"""
