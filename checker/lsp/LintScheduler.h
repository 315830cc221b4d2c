//===--- LintScheduler.h - When each document is linted -------------------===//
//
// Decides when lints run, on a fixed number of worker threads (so at most
// that many children run at once), never two for one document:
//  - an edit schedules a lint after the debounce delay, and an edit that
//    arrives while the document is being linted cancels that lint (its
//    result would be stale);
//  - opening and saving lint at once.
// The message loop only records what is due, so it never waits for a lint.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_LINTSCHEDULER_H
#define VMAP_TIDY_CHECKER_LSP_LINTSCHEDULER_H

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace clang::tidy::vmap::lsp {

class LintScheduler {
public:
  /// Asked by a running lint, often: true when it should stop at once.
  using CancelCheck = std::function<bool()>;
  /// Lints the document \p Uri on worker number \p Worker.
  using LintJob = std::function<void(const std::string &Uri, unsigned Worker,
                                     const CancelCheck &Cancelled)>;

  LintScheduler(unsigned Workers, LintJob Job);
  ~LintScheduler() { stop(); }

  /// The document changed: lint it after \p Delay (replacing an earlier
  /// due time) and cancel a lint of it that is running.
  void changed(const std::string &Uri, std::chrono::milliseconds Delay);
  /// Lint the document now, or as soon as its running lint ends.
  void lintNow(const std::string &Uri);
  /// The document closed: drop its pending lint, cancel a running one.
  void forget(const std::string &Uri);
  /// Cancels every lint and waits for the workers to end.
  void stop();

private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    bool Pending = false;
    Clock::time_point Due;
    bool Running = false;
    bool Cancel = false;
  };
  void work(unsigned Worker);
  bool cancelled(const std::string &Uri);

  LintJob Job;
  std::mutex Lock;
  std::condition_variable Wake;
  bool Stopping = false;
  /// Documents with a pending or running lint.
  std::map<std::string, Entry> Entries;
  std::vector<std::thread> Threads;
};

} // namespace clang::tidy::vmap::lsp

#endif
