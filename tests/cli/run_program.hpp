#pragma once

#include <filesystem>
#include <string>
#include <vector>

// Runs the built `ctrlab` with arguments (no shell) and collects what it printed.
struct ProgramResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

ProgramResult run_ctrlab(const std::vector<std::string>& args);

// Runs argv[0] (looked up in PATH when it has no slash) with the rest as its arguments.
ProgramResult run_program(std::vector<std::string> argv);

// A fresh directory under /tmp, removed when the object goes.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};
