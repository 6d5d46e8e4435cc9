"""Security building blocks: password hashing, HTTP headers, authorization."""
