#include "missing-header.h"

int main() { return 0; }
