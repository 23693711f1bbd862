#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// The ctrlab program run by a test as CI runs it: its own process, output to a file.
namespace ctrlab::runner::testing {

class CtrlabProcess {
 public:
  // `environment`: NAME=value entries added to (or replacing) the test's own.
  explicit CtrlabProcess(const std::vector<std::string>& arguments, const std::vector<std::string>& environment = {});
  ~CtrlabProcess();
  CtrlabProcess(const CtrlabProcess&) = delete;
  CtrlabProcess& operator=(const CtrlabProcess&) = delete;

  void send(int signal) const;
  // The exit code, or -signal when killed; nullopt when it is still running at the timeout.
  std::optional<int> wait(std::chrono::seconds timeout);
  [[nodiscard]] std::string output() const;

 private:
  pid_t pid_ = 0;
  std::filesystem::path output_;
  bool reaped_ = false;
};

// Polls `condition` until it holds; false at the timeout.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout);

}  // namespace ctrlab::runner::testing
