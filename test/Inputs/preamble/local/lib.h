#pragma once
#include <map>
#include <string>
#include <vector>
inline int libVersion() { return 1; }
