#include <algorithm>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/filesystem.hpp"

#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"

namespace ctrlab::oracle {
namespace {

// nspawn splits --bind=SRC[:DST[:OPTIONS]] and --tmpfs=PATH[:OPTIONS] at colons that are not
// escaped with a backslash, and unescapes each part.
std::vector<std::string> colon_fields(std::string_view value) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      fields.back() += value[++i];
    } else if (value[i] == ':') {
      fields.emplace_back();
    } else {
      fields.back() += value[i];
    }
  }
  return fields;
}

PredictedMount bind_mount(std::string_view value, bool read_only) {
  auto fields = colon_fields(value);
  PredictedMount mount;
  mount.kind = MountKind::bind;
  mount.read_only = read_only;
  mount.source = fields[0];
  mount.mount_point = fields.size() > 1 && !fields[1].empty() ? fields[1] : fields[0];
  return mount;
}

PredictedMount tmpfs_mount(std::string_view value) {
  PredictedMount mount;
  mount.kind = MountKind::tmpfs;
  mount.mount_point = colon_fields(value)[0];
  return mount;
}

// A later mount on the same point replaces an earlier one.
void add_mount(std::vector<PredictedMount>& mounts, PredictedMount mount) {
  std::erase_if(mounts, [&](const PredictedMount& each) { return each.mount_point == mount.mount_point; });
  mounts.push_back(std::move(mount));
}

// RuntimeDirectory= entries are relative to /run, with %i the unit's instance.
bool is_runtime_directory(const UnitDefinition& unit, const std::string& instance, const std::string& root) {
  const auto found = unit.serviceConfig.find("RuntimeDirectory");
  if (found == unit.serviceConfig.end()) return false;
  std::vector<std::string> entries;
  if (const auto* one = std::get_if<std::string>(&found->second)) entries.push_back(*one);
  if (const auto* many = std::get_if<std::vector<std::string>>(&found->second)) entries = *many;
  return std::any_of(entries.begin(), entries.end(), [&](std::string entry) {
    for (auto at = entry.find("%i"); at != std::string::npos; at = entry.find("%i", at)) entry.replace(at, 2, instance);
    return "/run/" + entry == root;
  });
}

std::optional<ContainerFilesystem> filesystem_of(const std::string& name, const ContainerPrediction& container,
                                                 const NspawnArguments& arguments) {
  if (arguments.refusal) return std::nullopt;
  ContainerFilesystem filesystem;
  for (const auto& [option, value] : arguments.options) {
    if (option == "directory") filesystem.root = value;
    if (option == "bind" || option == "bind-ro") add_mount(filesystem.mounts, bind_mount(value, option == "bind-ro"));
    if (option == "tmpfs") add_mount(filesystem.mounts, tmpfs_mount(value));
  }
  if (filesystem.root.empty()) return std::nullopt;
  filesystem.root_removed_at_stop = is_runtime_directory(container.unit, name, filesystem.root);
  return filesystem;
}

}  // namespace

std::string_view to_string(MountKind kind) { return kind == MountKind::tmpfs ? "tmpfs" : "bind"; }

std::map<std::string, ContainerFilesystem> predict_filesystems(const Prediction& prediction) {
  return predict_filesystems(prediction, read_nspawn_arguments(prediction));
}

std::map<std::string, ContainerFilesystem> predict_filesystems(const Prediction& prediction,
                                                               const NspawnArgumentsByContainer& arguments) {
  std::map<std::string, ContainerFilesystem> filesystems;
  if (prediction.error) return filesystems;
  for (const auto& [name, container] : prediction.containers) {
    if (auto filesystem = filesystem_of(name, container, arguments.at(name))) {
      filesystems.emplace(name, *std::move(filesystem));
    }
  }
  return filesystems;
}

void write_json(JsonWriter& out, const ContainerFilesystem& filesystem) {
  out.begin_object();
  out.key("mounts");
  write_array(out, filesystem.mounts, [](JsonWriter& to, const auto& mount) {
    to.begin_object();
    write_member(to, "kind", to_string(mount.kind));
    write_member(to, "mountPoint", mount.mount_point);
    to.key("readOnly");
    to.boolean(mount.read_only);
    if (!mount.source.empty()) write_member(to, "source", mount.source);
    to.end_object();
  });
  write_member(out, "root", filesystem.root);
  out.key("rootRemovedAtStop");
  out.boolean(filesystem.root_removed_at_stop);
  out.end_object();
}

void to_json(nlohmann::json& json, const ContainerFilesystem& filesystem) {
  json = build_json([&](JsonWriter& out) { write_json(out, filesystem); });
}

std::string describe(const std::map<std::string, ContainerFilesystem>& filesystems) {
  std::string text;
  for (const auto& [name, filesystem] : filesystems) {
    text += "container " + name + ": root " + filesystem.root +
            (filesystem.root_removed_at_stop ? " (removed when the unit stops)\n" : " (kept when the unit stops)\n");
    for (const auto& mount : filesystem.mounts) {
      text += "  " + mount.mount_point + ": " + std::string(to_string(mount.kind)) + (mount.read_only ? ", read-only" : "") +
              (mount.source.empty() || mount.source == mount.mount_point ? "" : ", from " + mount.source) + "\n";
    }
  }
  return text;
}

}  // namespace ctrlab::oracle
