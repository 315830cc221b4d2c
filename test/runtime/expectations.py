"""The expectations the runtime's Python CLI tests share: each failed one
raises Failure with a message saying what was expected and what came."""


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def expect_equal(actual, expected, what):
    expect(actual == expected,
           f"{what}: expected {expected!r}, got {actual!r}")
