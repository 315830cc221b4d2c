#include "third_party/old_c.h"

int main() { return VENDOR_TWICE(0); }
