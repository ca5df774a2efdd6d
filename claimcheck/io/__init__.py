"""Reading: files and collections (text, HTML, PDF, .docx, JSON Lines) into Documents."""
