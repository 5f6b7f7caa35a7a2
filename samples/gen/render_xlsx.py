def render(doc, path): raise NotImplementedError
