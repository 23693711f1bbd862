#include "jobs_option.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <thread>

#include "ctrlab/runner/inotify_budget.hpp"

namespace ctrlab::cli {
namespace {

std::size_t given_jobs(const std::string& text) {
  std::size_t jobs = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), jobs);
  if (error != std::errc{} || end != text.data() + text.size() || jobs < 1 || jobs > most_jobs) {
    throw UsageError("--jobs expects a whole number of sandbox hosts from 1 to " + std::to_string(most_jobs) + ", got '" +
                     text + "'");
  }
  return jobs;
}

// The cases mostly wait (units settling, restarts after RestartSec), but each sandbox's systemd
// and nspawn work is CPU-bound: one sandbox per core. A sandbox that does not fit into root's
// inotify instances would not boot; the check before the boot says so if even one does not.
std::size_t default_jobs() {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const auto fit = runner::sandboxes_that_fit(runner::inotify_budget(), runner::Payload::probe, 0);
  return std::max<std::size_t>(1, std::min(cores, fit));
}

}  // namespace

JobsOption JobsOption::parse(const Args& args) {
  const auto text = args.value("--jobs");
  return {text ? std::optional(given_jobs(*text)) : std::nullopt};
}

std::size_t JobsOption::for_cases(std::size_t cases) const {
  return std::max<std::size_t>(1, std::min(given.value_or(default_jobs()), cases));
}

}  // namespace ctrlab::cli
