#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// What changes between two predictions: two scenarios under one revision (an option
// change), or one scenario under two revisions (a module upgrade), or a prediction against
// its committed snapshot. Works on the predictions' JSON documents, so every key the
// oracle writes is compared, rendering and effects alike.
namespace ctrlab::oracle {

enum class ChangeKind { added, removed, changed };
[[nodiscard]] std::string_view to_string(ChangeKind kind);

// One change, at a path such as `containers.web.nspawnArgv[7]`,
// `etcFiles["/etc/nixos-containers/web.conf"] line 4` or `containers.web.hostOps.postStart[2]`.
// Lists are aligned (longest common subsequence), so one inserted argument is one `added`
// row, not a cascade of changes; multi-line strings are compared line by line.
struct Change {
  ChangeKind kind = ChangeKind::changed;
  std::string path;
  std::string before;  // empty for added
  std::string after;   // empty for removed

  // e.g. "added   containers.web.nspawnArgv[9]: --network-veth"
  [[nodiscard]] std::string text() const;
  friend bool operator==(const Change&, const Change&) = default;
};

[[nodiscard]] std::vector<Change> compare_documents(const nlohmann::json& before, const nlohmann::json& after);

// The changes between two prediction documents as a person reads them, one line each: what
// the documents say twice is said once (the nspawn argv, not again inside hostOps.start, nor
// its init as the effects' command; the template unit only where no container's unit changed
// alike; an env file, not again in etcFiles), and each change is named by what it is:
// "web: nspawn argv: added --notify-ready=yes", "web: env file line PRIVATE_USERS=no added",
// "web: unit [Service] KillSignal: WINCH → TERM", "web: host preStart command ip: removed ...".
[[nodiscard]] std::vector<std::string> readable_changes(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace ctrlab::oracle
