"""Services and support programmes."""
