from igym.ui.prompt_lab import render_prompt_lab_page

render_prompt_lab_page()
