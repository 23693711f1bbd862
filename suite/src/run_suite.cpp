#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <iomanip>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "case_queue.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/suite/suite.hpp"

namespace ctrlab::suite {
namespace {

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::ostringstream text;
  text << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return text.str();
}

std::string host_name() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

// What the sandboxes' threads share: the queue, the outcomes by case, and how the run ends.
// Every member after `mutex` and every call of `progress` is guarded by it.
class SharedRun {
 public:
  SharedRun(const std::vector<Case>& cases, std::size_t sandboxes, const SuiteProgress& progress)
      : queue(cases, sandboxes > 1 ? CaseQueue::Order::longest_expected_first : CaseQueue::Order::given),
        progress_(progress),
        outcomes_(cases.size()) {}

  CaseQueue queue;

  void booted(const runner::Sandbox& sandbox) {
    const std::lock_guard lock(mutex_);
    ++booted_;
    if (progress_.sandbox_booted) progress_.sandbox_booted(sandbox);
  }

  void boot_failed(const runner::RunnerError& error) {
    const std::lock_guard lock(mutex_);
    boot_failures_.push_back(std::current_exception());
    boot_failure_texts_.emplace_back(error.what());
  }

  void finished(const CaseQueue::Entry& entry, CaseOutcome outcome) {
    const std::lock_guard lock(mutex_);
    ++finished_;
    if (progress_.case_finished) progress_.case_finished(finished_, outcomes_.size(), *entry.c, outcome);
    outcomes_[entry.index] = std::move(outcome);
  }

  // The runner's lines of case `c`, passed on one at a time.
  runner::ScenarioRunOptions options_for(const Case& c, const runner::ScenarioRunOptions& options) {
    auto case_options = options;
    case_options.progress = nullptr;
    if (progress_.case_line) {
      case_options.progress = [this, &c](const std::string& line) {
        const std::lock_guard lock(mutex_);
        progress_.case_line(c, line);
      };
    }
    return case_options;
  }

  // The run ends: no sandbox takes another case. The first such end is the one rethrown.
  void end_with(std::exception_ptr error) {
    queue.close();
    const std::lock_guard lock(mutex_);
    if (!fatal_ || (!is_interrupt(fatal_) && is_interrupt(error))) fatal_ = std::move(error);
  }

  // Once every thread has ended: the outcomes in the suite's order, or why there are none.
  std::vector<CaseOutcome> outcomes(std::vector<std::string>& sandboxes_not_booted) {
    const std::lock_guard lock(mutex_);
    if (fatal_) std::rethrow_exception(fatal_);
    if (booted_ == 0 && !boot_failures_.empty()) std::rethrow_exception(boot_failures_.front());
    sandboxes_not_booted = boot_failure_texts_;
    std::vector<CaseOutcome> ended;
    for (auto& outcome : outcomes_) ended.push_back(std::move(outcome.value()));
    return ended;
  }

 private:
  static bool is_interrupt(const std::exception_ptr& error) {
    try {
      std::rethrow_exception(error);
    } catch (const runner::Interrupted&) {
      return true;
    } catch (...) {
      return false;
    }
  }

  const SuiteProgress& progress_;
  std::mutex mutex_;
  std::vector<std::optional<CaseOutcome>> outcomes_;
  std::size_t finished_ = 0;
  std::size_t booted_ = 0;
  std::vector<std::exception_ptr> boot_failures_;
  std::vector<std::string> boot_failure_texts_;
  std::exception_ptr fatal_;
};

// One sandbox host's life: boot, take cases until none is left, take down (its destructors, in
// this thread). A sandbox that does not boot takes no case.
void serve(SharedRun& run, const BootSandbox& boot, const runner::ScenarioRunOptions& options) {
  try {
    if (run.queue.empty()) return;
    std::unique_ptr<runner::Sandbox> sandbox;
    std::optional<runner::ScenarioRunner> scenario_runner;  // destroyed before its sandbox
    try {
      sandbox = boot();
      scenario_runner.emplace(*sandbox);
    } catch (const runner::Interrupted&) {
      throw;
    } catch (const runner::RunnerError& error) {
      run.boot_failed(error);
      return;
    }
    run.booted(*sandbox);
    for (;;) {
      runner::InterruptWatch::throw_if_received("run the suite");
      const auto entry = run.queue.take();
      if (!entry) break;
      run.finished(*entry, run_case(*scenario_runner, *entry->c, *entry->expected, run.options_for(*entry->c, options)));
    }
  } catch (...) {
    run.end_with(std::current_exception());
  }
}

}  // namespace

SuiteRun run_suite(const BootSandbox& boot, std::size_t sandboxes, const std::vector<Case>& cases,
                   const runner::ScenarioRunOptions& options, const SuiteProgress& progress,
                   const std::vector<reports::CaseReport>& unreadable) {
  SuiteRun suite{{"ctrlab run", now_iso8601(), host_name(), "", unreadable}, unreadable.size(), {}};
  SharedRun run(cases, sandboxes, progress);
  {
    std::vector<std::jthread> others;
    for (std::size_t i = 1; i < std::min(sandboxes, cases.size()); ++i) {
      others.emplace_back([&run, &boot, &options] { serve(run, boot, options); });
    }
    serve(run, boot, options);
  }  // every other sandbox's thread has ended here
  for (auto& outcome : run.outcomes(suite.sandboxes_not_booted)) {
    if (!outcome.passed) ++suite.not_passed;
    suite.report.cases.push_back(std::move(outcome.report));
  }
  std::stable_sort(suite.report.cases.begin(), suite.report.cases.end(), reports::canonical_order);
  return suite;
}

}  // namespace ctrlab::suite
