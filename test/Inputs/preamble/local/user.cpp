// Uses a local header through the preamble; nothing here is flagged.
#include "lib.h"

int main() { return libVersion() - 1; }
