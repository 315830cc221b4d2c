//===--- LintScheduler.cpp - When each document is linted -----------------===//

#include "LintScheduler.h"

namespace clang::tidy::vmap::lsp {

LintScheduler::LintScheduler(unsigned Workers, LintJob Job)
    : Job(std::move(Job)) {
  for (unsigned I = 0; I < Workers; ++I)
    Threads.emplace_back([this, I] { work(I); });
}

void LintScheduler::changed(const std::string &Uri,
                            std::chrono::milliseconds Delay) {
  std::lock_guard<std::mutex> Guard(Lock);
  Entry &E = Entries[Uri];
  E.Pending = true;
  E.Due = Clock::now() + Delay;
  if (E.Running)
    E.Cancel = true;
  Wake.notify_all();
}

void LintScheduler::lintNow(const std::string &Uri) {
  std::lock_guard<std::mutex> Guard(Lock);
  Entry &E = Entries[Uri];
  // A running lint is left to finish (it may be of this very text, or about
  // to publish), and the document is linted again after it: a save may
  // come with other files saved that the running lint read before.
  E.Due = E.Pending ? std::min(E.Due, Clock::now()) : Clock::now();
  E.Pending = true;
  Wake.notify_all();
}

void LintScheduler::forget(const std::string &Uri) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Entries.find(Uri);
  if (It == Entries.end())
    return;
  if (It->second.Running) {
    It->second.Pending = false;
    It->second.Cancel = true;
  } else {
    Entries.erase(It);
  }
}

void LintScheduler::stop() {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Stopping = true;
    Wake.notify_all();
  }
  for (std::thread &T : Threads)
    if (T.joinable())
      T.join();
}

bool LintScheduler::cancelled(const std::string &Uri) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Entries.find(Uri);
  return Stopping || It == Entries.end() || It->second.Cancel;
}

void LintScheduler::work(unsigned Worker) {
  std::unique_lock<std::mutex> Guard(Lock);
  while (!Stopping) {
    // The document whose lint is due first, among those not being linted.
    auto Next = Entries.end();
    for (auto It = Entries.begin(); It != Entries.end(); ++It)
      if (It->second.Pending && !It->second.Running &&
          (Next == Entries.end() || It->second.Due < Next->second.Due))
        Next = It;
    if (Next == Entries.end()) {
      Wake.wait(Guard);
      continue;
    }
    if (Next->second.Due > Clock::now()) {
      Wake.wait_until(Guard, Next->second.Due);
      continue;
    }
    Entry &E = Next->second;
    E.Pending = false;
    E.Running = true;
    E.Cancel = false;
    // Entries are erased only when not running, so the key stays valid.
    const std::string &Uri = Next->first;
    Guard.unlock();
    Job(Uri, Worker, [this, &Uri] { return cancelled(Uri); });
    Guard.lock();
    E.Running = false;
    E.Cancel = false;
    if (!E.Pending)
      Entries.erase(Next);
    // Another worker may now lint this document's newer version.
    Wake.notify_all();
  }
}

} // namespace clang::tidy::vmap::lsp
