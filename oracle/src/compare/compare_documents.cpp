#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/compare.hpp"
#include "alignment/sequence_alignment.hpp"

namespace ctrlab::oracle {
namespace {

using nlohmann::json;

bool is_plain_key(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '@';
  });
}

std::string child_path(const std::string& parent, const std::string& key) {
  if (is_plain_key(key)) return parent.empty() ? key : parent + "." + key;
  return parent + "[" + json(key).dump() + "]";
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

// A value as a person reads it: strings bare, a list of strings as a command line.
std::string readable(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array() && !value.empty() &&
      std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); })) {
    std::string words;
    for (const auto& word : value) words += (words.empty() ? "" : " ") + word.get<std::string>();
    return words;
  }
  return value.dump();
}

bool is_command(const json& value) {
  return value.is_array() && !value.empty() &&
         std::all_of(value.begin(), value.end(), [](const json& word) { return word.is_string(); });
}

// How alike two command lines are: the words they share in order, when they run the same
// program (0 otherwise, and for anything that is not a command line).
std::size_t shared_words(const json& before, const json& after) {
  if (!is_command(before) || !is_command(after) || before.front() != after.front()) return 0;
  const auto pairs = alignment::align(before.size(), after.size(), [&](std::size_t i, std::size_t j) { return before[i] == after[j]; });
  return static_cast<std::size_t>(
      std::count_if(pairs.begin(), pairs.end(), [](const alignment::AlignedPair& pair) { return pair.before && pair.after; }));
}

// How a paired element reads best: compared further (a command line that keeps most of its
// words: one inserted nspawn argument is one row), changed as a whole (one that keeps fewer),
// or as one removed and one added (another program).
enum class PairReading { further, whole, apart };
PairReading reading_of(const json& before, const json& after) {
  if (!is_command(before) || !is_command(after)) return PairReading::further;
  const std::size_t shared = shared_words(before, after);
  if (shared == 0) return PairReading::apart;
  return 2 * shared > std::max(before.size(), after.size()) ? PairReading::further : PairReading::whole;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

class Comparer {
 public:
  std::vector<Change> changes;

  void compare(const json& before, const json& after, const std::string& path) {
    if (before == after) return;
    if (before.is_object() && after.is_object()) return compare_objects(before, after, path);
    if (before.is_array() && after.is_array()) return compare_lists(before, after, path);
    if (before.is_string() && after.is_string() && is_multiline(before) && is_multiline(after)) {
      return compare_lines(before.get<std::string>(), after.get<std::string>(), path);
    }
    changes.push_back({ChangeKind::changed, path, readable(before), readable(after)});
  }

 private:
  static bool is_multiline(const json& text) { return text.get<std::string>().find('\n') != std::string::npos; }

  void compare_objects(const json& before, const json& after, const std::string& path) {
    std::set<std::string> keys;
    for (const auto& item : before.items()) keys.insert(item.key());
    for (const auto& item : after.items()) keys.insert(item.key());
    for (const auto& key : keys) {
      const auto b = before.find(key), a = after.find(key);
      if (a == after.end()) {
        changes.push_back({ChangeKind::removed, child_path(path, key), readable(*b), ""});
      } else if (b == before.end()) {
        changes.push_back({ChangeKind::added, child_path(path, key), "", readable(*a)});
      } else {
        compare(*b, *a, child_path(path, key));
      }
    }
  }

  // Aligned lists: an element only in `before` next to one only in `after` is a change of
  // that element (compared further when both are structured), the rest added or removed.
  // Command lines pair with the one most alike (the same program, the most words shared);
  // other elements in order, first removed with first added.
  void compare_lists(const json& before, const json& after, const std::string& path) {
    const auto pairs = alignment::align_pairing_runs(
        before.size(), after.size(), [&](std::size_t i, std::size_t j) { return before[i] == after[j]; },
        [&](std::size_t i, std::size_t j) { return shared_words(before[i], after[j]); });
    for (const auto& pair : pairs) {
      if (pair.before && pair.after) {
        const json& b = before[*pair.before];
        const json& a = after[*pair.after];
        switch (reading_of(b, a)) {
          case PairReading::further: compare(b, a, index_path(path, *pair.after)); break;  // nothing where equal
          case PairReading::whole:
            changes.push_back({ChangeKind::changed, index_path(path, *pair.after), readable(b), readable(a)});
            break;
          case PairReading::apart:
            changes.push_back({ChangeKind::removed, index_path(path, *pair.before), readable(b), ""});
            changes.push_back({ChangeKind::added, index_path(path, *pair.after), "", readable(a)});
            break;
        }
      } else if (pair.before) {
        changes.push_back({ChangeKind::removed, index_path(path, *pair.before), readable(before[*pair.before]), ""});
      } else {
        changes.push_back({ChangeKind::added, index_path(path, *pair.after), "", readable(after[*pair.after])});
      }
    }
  }

  void compare_lines(const std::string& before, const std::string& after, const std::string& path) {
    const auto b = split_lines(before), a = split_lines(after);
    for (const auto& pair : alignment::align(b.size(), a.size(), [&](std::size_t i, std::size_t j) { return b[i] == a[j]; })) {
      if (pair.before && !pair.after) {
        changes.push_back({ChangeKind::removed, path + " line " + std::to_string(*pair.before + 1), b[*pair.before], ""});
      } else if (pair.after && !pair.before) {
        changes.push_back({ChangeKind::added, path + " line " + std::to_string(*pair.after + 1), "", a[*pair.after]});
      }
    }
  }
};

}  // namespace

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added: return "added";
    case ChangeKind::removed: return "removed";
    case ChangeKind::changed: return "changed";
  }
  return "changed";
}

std::string Change::text() const {
  std::string line(to_string(kind));
  line.resize(8, ' ');
  line += path + ": ";
  switch (kind) {
    case ChangeKind::added: return line + after;
    case ChangeKind::removed: return line + before;
    case ChangeKind::changed: return line + before + " -> " + after;
  }
  return line;
}

std::vector<Change> compare_documents(const json& before, const json& after) {
  Comparer comparer;
  comparer.compare(before, after, "");
  return comparer.changes;
}

}  // namespace ctrlab::oracle
