def register_pages(app):
    return None
