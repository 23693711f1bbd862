#include "alignment/sequence_alignment.hpp"
#include "aspect_diffs.hpp"

namespace ctrlab::oracle::judging {
namespace {

std::string shell_words(const Argv& argv) {
  std::string text;
  for (const auto& word : argv) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::string outcome_text(const CommandOutcome& outcome) {
  return outcome.ok() ? "ok" : "exit " + std::to_string(outcome.exit_status) + ": " + outcome.message;
}

std::string operation_field(std::size_t index, const OperationRecord& record) {
  return "operations[" + std::to_string(index) + "] " + std::string(to_string(record.stage)) + " `" +
         shell_words(record.argv) + "`";
}

// How alike two words are: the length of their common prefix.
std::size_t common_prefix(const std::string& a, const std::string& b) {
  std::size_t length = 0;
  while (length < a.size() && length < b.size() && a[length] == b[length]) ++length;
  return length;
}

}  // namespace

std::vector<Difference> diff_argv(const std::string& subject, const Argv& predicted, const Argv& observed) {
  std::vector<Difference> differences;
  const auto pairs = alignment::align_pairing_runs(
      predicted.size(), observed.size(), [&](std::size_t i, std::size_t j) { return predicted[i] == observed[j]; },
      [&](std::size_t i, std::size_t j) { return common_prefix(predicted[i], observed[j]); });
  for (const auto& pair : pairs) {
    if (pair.before && pair.after) {
      if (predicted[*pair.before] == observed[*pair.after]) continue;
      differences.push_back({DiffKind::changed, subject, "argv[" + std::to_string(*pair.before) + "]",
                             predicted[*pair.before], observed[*pair.after]});
    } else if (pair.before) {
      differences.push_back(
          {DiffKind::missing, subject, "argv[" + std::to_string(*pair.before) + "]", predicted[*pair.before], ""});
    } else {
      differences.push_back(
          {DiffKind::unexpected, subject, "argv[" + std::to_string(*pair.after) + "]", "", observed[*pair.after]});
    }
  }
  return differences;
}

std::vector<Difference> diff_operations(const std::string& subject, const std::vector<PredictedOperation>& predicted,
                                        const std::vector<OperationRecord>& observed, std::vector<std::string>& notes) {
  // Only network commands are compared: a runner may also report machinectl, mkdir, ...
  std::vector<OperationRecord> network_commands;
  for (const auto& record : observed) {
    if (parse_ip_command(record.argv).status != ParsedCommand::Status::not_ip) network_commands.push_back(record);
  }
  std::vector<Difference> differences;
  const auto same_command = [](const PredictedOperation& a, const OperationRecord& b) {
    return a.record.stage == b.stage && a.record.argv == b.argv;
  };
  const auto alike = [](const PredictedOperation& a, const OperationRecord& b) {
    std::size_t words = 0;
    while (words < a.record.argv.size() && words < b.argv.size() && a.record.argv[words] == b.argv[words]) ++words;
    return words + (a.record.stage == b.stage ? 1U : 0U);
  };
  const auto pairs = alignment::align_pairing_runs(
      predicted.size(), network_commands.size(),
      [&](std::size_t i, std::size_t j) { return same_command(predicted[i], network_commands[j]); },
      [&](std::size_t i, std::size_t j) { return alike(predicted[i], network_commands[j]); });
  for (const auto& pair : pairs) {
    if (pair.before && pair.after) {
      const auto& expected = predicted[*pair.before];
      const auto& seen = network_commands[*pair.after];
      if (!same_command(expected, seen)) {
        differences.push_back({DiffKind::changed, subject, "operations[" + std::to_string(*pair.before) + "]",
                               std::string(to_string(expected.record.stage)) + " `" + shell_words(expected.record.argv) + "`",
                               std::string(to_string(seen.stage)) + " `" + shell_words(seen.argv) + "`"});
      } else if (!expected.modelled) {
        notes.push_back(subject + " " + operation_field(*pair.before, expected.record) + " is not modelled; observed " +
                        outcome_text(seen.outcome));
      } else if (!(expected.record.outcome == seen.outcome)) {
        differences.push_back({DiffKind::changed, subject, operation_field(*pair.before, expected.record),
                               outcome_text(expected.record.outcome), outcome_text(seen.outcome)});
      }
    } else if (pair.before) {
      const auto& expected = predicted[*pair.before].record;
      differences.push_back({DiffKind::missing, subject, operation_field(*pair.before, expected),
                             outcome_text(expected.outcome), ""});
    } else {
      const auto& seen = network_commands[*pair.after];
      differences.push_back({DiffKind::unexpected, subject, operation_field(*pair.after, seen), "", outcome_text(seen.outcome)});
    }
  }
  return differences;
}

}  // namespace ctrlab::oracle::judging
