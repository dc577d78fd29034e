"""The book: chapter notebooks run by papermill, generated pages, and jupyter-book's HTML, published atomically."""
