#include "aspect_diffs.hpp"
#include "sequence_alignment.hpp"

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
  const auto pairs = align(
      predicted, observed, [](const std::string& a, const std::string& b) { return a == b; }, common_prefix);
  for (const auto& pair : pairs) {
    if (pair.predicted && pair.observed) {
      if (predicted[*pair.predicted] == observed[*pair.observed]) continue;
      differences.push_back({DiffKind::changed, subject, "argv[" + std::to_string(*pair.predicted) + "]",
                             predicted[*pair.predicted], observed[*pair.observed]});
    } else if (pair.predicted) {
      differences.push_back(
          {DiffKind::missing, subject, "argv[" + std::to_string(*pair.predicted) + "]", predicted[*pair.predicted], ""});
    } else {
      differences.push_back(
          {DiffKind::unexpected, subject, "argv[" + std::to_string(*pair.observed) + "]", "", observed[*pair.observed]});
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
  for (const auto& pair : align(predicted, network_commands, same_command, alike)) {
    if (pair.predicted && pair.observed) {
      const auto& expected = predicted[*pair.predicted];
      const auto& seen = network_commands[*pair.observed];
      if (!same_command(expected, seen)) {
        differences.push_back({DiffKind::changed, subject, "operations[" + std::to_string(*pair.predicted) + "]",
                               std::string(to_string(expected.record.stage)) + " `" + shell_words(expected.record.argv) + "`",
                               std::string(to_string(seen.stage)) + " `" + shell_words(seen.argv) + "`"});
      } else if (!expected.modelled) {
        notes.push_back(subject + " " + operation_field(*pair.predicted, expected.record) + " is not modelled; observed " +
                        outcome_text(seen.outcome));
      } else if (!(expected.record.outcome == seen.outcome)) {
        differences.push_back({DiffKind::changed, subject, operation_field(*pair.predicted, expected.record),
                               outcome_text(expected.record.outcome), outcome_text(seen.outcome)});
      }
    } else if (pair.predicted) {
      const auto& expected = predicted[*pair.predicted].record;
      differences.push_back({DiffKind::missing, subject, operation_field(*pair.predicted, expected),
                             outcome_text(expected.outcome), ""});
    } else {
      const auto& seen = network_commands[*pair.observed];
      differences.push_back({DiffKind::unexpected, subject, operation_field(*pair.observed, seen), "", outcome_text(seen.outcome)});
    }
  }
  return differences;
}

}  // namespace ctrlab::oracle::judging
