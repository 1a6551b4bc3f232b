"""Demo budget cycles (built by `load_demo`)."""


def build(log):
    return None
