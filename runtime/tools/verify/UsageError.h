//===--- UsageError.h - Bad input to vmap-tidy-verify ---------------------===//
//
// Thrown for anything wrong with what the user gave the tool (flags, values,
// fix-data files). The driver prints the message as one line,
// "vmap-tidy-verify: error: <message>", and exits with status 2.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_USAGEERROR_H
#define VMAP_TIDY_VERIFY_USAGEERROR_H

#include <stdexcept>
#include <string>

namespace vmap_tidy::verify {

class UsageError : public std::runtime_error {
public:
  explicit UsageError(const std::string &message)
      : std::runtime_error(message) {}
};

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_USAGEERROR_H
