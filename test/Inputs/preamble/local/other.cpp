#include <string>

int main() { return static_cast<int>(std::string().size()); }
