"""Documents as data, rendered once: a report (通报, 汇总, 排名 …) is a ``ReportDocument`` of headline figures, paragraphs
and typed tables, built by each module from its selectors, and written as .xlsx and .docx by ``output`` — so the
scheduled 五个一 reports collect sections from every module without a renderer of their own."""
