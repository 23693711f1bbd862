#include "sandbox/naming.hpp"

#include <unistd.h>

#include <atomic>
#include <random>

namespace ctrlab::runner::sandbox_naming {
namespace {

constexpr std::string_view claim_suffix = ".lock";

std::string random_hex(int digits) {
  std::random_device device;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string text;
  for (int i = 0; i < digits; ++i) text += "0123456789abcdef"[digit(device)];
  return text;
}

}  // namespace

bool is_sandbox_name(std::string_view name) { return name.starts_with(machine_prefix); }

std::string new_machine_name() {
  static std::atomic<unsigned> counter{0};
  return std::string(machine_prefix) + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
         random_hex(4);
}

std::filesystem::path claims_dir() { return "/run/ctrlab"; }

std::filesystem::path claim_path(std::string_view machine) {
  return claims_dir() / (std::string(machine) + std::string(claim_suffix));
}

std::string machine_of_claim(const std::filesystem::path& file) {
  auto name = file.filename().string();
  if (!name.ends_with(claim_suffix)) return "";
  name.resize(name.size() - claim_suffix.size());
  return is_sandbox_name(name) ? name : "";
}

std::string machine_of_work_dir(const std::filesystem::path& directory) {
  const auto name = directory.filename().string();
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  const auto machine = name.substr(0, dot);
  return is_sandbox_name(machine) ? machine : "";
}

std::filesystem::path work_dirs_parent() { return std::filesystem::temp_directory_path(); }

std::string work_dir_template(std::string_view machine) { return std::string(machine) + ".XXXXXX"; }

}  // namespace ctrlab::runner::sandbox_naming
