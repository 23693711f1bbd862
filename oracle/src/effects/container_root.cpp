#include "container_root.hpp"

namespace ctrlab::oracle {
namespace {

bool is_mkdir(const Argv& argv) {
  if (argv.empty()) return false;
  const std::string_view program = argv.front();
  return program == "mkdir" || program.ends_with("/mkdir");
}

// mkdir's operands: every word that is not an option, nor the value of -m.
void add_operands_under(const Argv& mkdir, std::string_view root, std::set<std::string>& directories) {
  const std::string prefix = std::string(root) + "/";
  for (std::size_t i = 1; i < mkdir.size(); ++i) {
    const std::string_view word = mkdir[i];
    if (word == "-m" || word == "--mode") {
      ++i;
      continue;
    }
    if (word.starts_with("-")) continue;
    if (!word.starts_with(prefix)) continue;
    const std::string_view below = word.substr(prefix.size());
    const std::string_view top = below.substr(0, below.find('/'));
    if (!top.empty()) directories.emplace(top);
  }
}

}  // namespace

std::set<std::string> root_directories_made(const ContainerPrediction& rendering, std::string_view root) {
  std::set<std::string> directories;
  if (root.empty()) return directories;
  for (const auto* script : {&rendering.hostOps.preStart, &rendering.hostOps.start}) {
    if (!script->has_value()) continue;
    for (const Argv& argv : **script) {
      if (is_mkdir(argv)) add_operands_under(argv, root, directories);
    }
  }
  return directories;
}

CommandOutcome mount_tmp(const NspawnRootPlan& root, const std::set<std::string>& root_directories) {
  const bool root_read_only = root.read_only && !root.volatile_root;
  if (!root_read_only || root_directories.contains("tmp")) return CommandOutcome::success();
  return {1, "Failed to mount tmpfs (type tmpfs) on " + root.directory +
                 "/tmp (MS_NOSUID|MS_NODEV|MS_STRICTATIME \"mode=1777,size=10%,nr_inodes=400k,uid=0,gid=0\"): "
                 "No such file or directory"};
}

}  // namespace ctrlab::oracle
