"""Writing: the slide plan → a .pptx package (DrawingML, chart XML, notes)."""
