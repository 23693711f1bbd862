// What ctrlab takes from bash, systemd and systemd-nspawn: field splitting, script source
// words, systemd's EnvironmentFile= and ExecStart= parsing, and nspawn's argv reading.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "shell/bash_syntax.hpp"
#include "shell/nspawn_command_line.hpp"
#include "shell/shell_words.hpp"
#include "shell/systemd_env_file.hpp"
#include "shell/systemd_exec_line.hpp"
#include "shell/systemd_unit_file.hpp"

using namespace ctrlab::oracle;
using Words = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(shell_emulation)

BOOST_AUTO_TEST_CASE(unquoted_expansions_split_on_blanks_and_drop_empty_results) {
  BOOST_TEST((shell::split_fields(" --bind=/a b:/c\t--x\n") == Words{"--bind=/a", "b:/c", "--x"}));
  BOOST_TEST(shell::split_fields("").empty());
  BOOST_TEST(shell::split_fields("   ").empty());
}

BOOST_AUTO_TEST_CASE(a_non_blank_ifs_keeps_empty_fields_between_separators) {
  BOOST_TEST((shell::split_fields("tcp:1:1,,udp:2:2,", ",") == Words{"tcp:1:1", "", "udp:2:2"}));
  BOOST_TEST((shell::split_fields("a b,c", ",") == Words{"a b", "c"}));
}

BOOST_AUTO_TEST_CASE(script_source_words_remove_quotes_and_stop_at_comments) {
  BOOST_TEST((shell::source_words(R"(--capability="CAP_A CAP_B" x\ y 'z w')").words ==
              Words{"--capability=CAP_A CAP_B", "x y", "z w"}));
  BOOST_TEST((shell::source_words("ip link set dev #veth up").words == Words{"ip", "link", "set", "dev"}));
  BOOST_TEST(shell::source_words("ip link del dev a;b").unsupported);
  BOOST_TEST(shell::source_words("--tmpfs=/a*").unquoted_glob.at(0));
}

BOOST_AUTO_TEST_CASE(a_newline_in_script_source_ends_a_command_and_assignments_are_not_commands) {
  using Commands = std::vector<Words>;
  BOOST_TEST((shell::source_commands("ip addr add 10.0.0.1\nFOO=bar dev ve-web") ==
              Commands{{"ip", "addr", "add", "10.0.0.1"}, {"dev", "ve-web"}}));
  BOOST_TEST((shell::source_commands("a\n\nX=1 Y=2\n  b c  ") == Commands{{"a"}, {"b", "c"}}));
  // Quoted or escaped, a newline is part of a word, and so is a quoted `=`.
  BOOST_TEST((shell::source_commands("echo 'a\nb' \"c\nd\"") == Commands{{"echo", "a\nb", "c\nd"}}));
  BOOST_TEST((shell::source_commands("'X=1' cmd") == Commands{{"X=1", "cmd"}}));
  BOOST_TEST((shell::source_commands("1X=1 cmd") == Commands{{"1X=1", "cmd"}}));
}

BOOST_AUTO_TEST_CASE(systemd_reads_unit_lines_not_directives) {
  const UnitSection unit{{"RequiresMountsFor", std::vector<std::string>{"/var/lib/nixos-containers/web"}}};
  UnitSection service{{"Delegate", true}, {"TimeoutStartSec", std::string("1min\nExecStartPre=/bin/sh -c \"touch /x\"")},
                      {"Type", std::string("notify")}};
  BOOST_TEST(!shell::reads_as_written(service));
  auto reading = shell::read_unit_sections(unit, service);
  BOOST_TEST(!reading.loadFailure);
  BOOST_TEST(std::get<std::string>(reading.serviceConfig.at("TimeoutStartSec")) == "1min");
  BOOST_TEST(std::get<std::string>(reading.serviceConfig.at("ExecStartPre")) == "/bin/sh -c \"touch /x\"");
  BOOST_TEST(std::get<bool>(reading.serviceConfig.at("Delegate")));  // read as written: kept as it was
  BOOST_TEST(reading.unitConfig == unit);
  BOOST_REQUIRE(reading.injected.size() == 1U);
  BOOST_TEST(reading.injected[0].section == "Service");
  BOOST_TEST(reading.injected[0].key == "ExecStartPre");
  BOOST_TEST(reading.injected[0].carrier == "TimeoutStartSec");

  // \r ends a line too; a section header moves what follows; a comment is skipped.
  service["TimeoutStartSec"] = std::string("1min\r# note\r[Install]\rWantedBy=x");
  reading = shell::read_unit_sections(unit, service);
  BOOST_TEST(!reading.serviceConfig.contains("Type"));  // now read in [Install], where it means nothing
  BOOST_REQUIRE(reading.injected.size() == 2U);
  BOOST_TEST(reading.injected[0].section == "Install");
  BOOST_TEST(reading.injected[0].key == "WantedBy");
  BOOST_TEST(reading.injected[1].key == "Type");

  // A trailing backslash joins the next line, the module's own Type= with it.
  service["TimeoutStartSec"] = std::string("1min\\");
  BOOST_TEST(!shell::reads_as_written(service));
  reading = shell::read_unit_sections(unit, service);
  BOOST_TEST(std::get<std::string>(reading.serviceConfig.at("TimeoutStartSec")) == "1min Type=notify");
  BOOST_TEST(!reading.serviceConfig.contains("Type"));

  service["TimeoutStartSec"] = std::string("1min\n[Service");
  BOOST_TEST(shell::read_unit_sections(unit, service).loadFailure.value_or("") == "Invalid section header '[Service'");
  service["TimeoutStartSec"] = std::string("1min");
  BOOST_TEST(shell::reads_as_written(service));
}

BOOST_AUTO_TEST_CASE(systemd_reads_env_files_with_its_quoting_rules) {
  const auto env = shell::parse_environment_file(
      "SYSTEM_PATH=/nix/var/nix/profiles/per-container/web  \n"
      "# a comment\n"
      "; another\n"
      "INTERFACES=\"eth1 eth2\"\n"
      "EXTRA=\" --a=\\\"q\\\" \\x\"\n"
      "SINGLE='it''s $HOME'\n"
      "MIXED=\"a\" b\n"
      "CONTINUED=one\\\ntwo\n"
      "EMPTY=\n"
      "1BAD=x\n"
      "  SPACED = value\n"
      "NOVALUE\n"
      "LAST=end");
  BOOST_TEST(env.get("SYSTEM_PATH") == "/nix/var/nix/profiles/per-container/web");
  BOOST_TEST(env.get("INTERFACES") == "eth1 eth2");
  BOOST_TEST(env.get("EXTRA") == " --a=\"q\" \\x");
  BOOST_TEST(env.get("SINGLE") == "its $HOME");
  BOOST_TEST(env.get("MIXED") == "ab");
  BOOST_TEST(env.get("CONTINUED") == "onetwo");
  BOOST_TEST(env.get("EMPTY") == "");
  BOOST_TEST(env.get("1BAD") == "");
  BOOST_TEST(env.get("SPACED") == "value");
  BOOST_TEST(env.get("NOVALUE") == "");
  BOOST_TEST(env.get("LAST") == "end");
}

BOOST_AUTO_TEST_CASE(a_later_assignment_wins) {
  BOOST_TEST(shell::parse_environment_file("A=1\nA=2\n").get("A") == "2");
}

BOOST_AUTO_TEST_CASE(systemd_splits_exec_lines_on_blanks_and_quotes) {
  const auto line = shell::split_exec_line("/bin/nspawn -D \"/var/lib/my root\" --bind-ro=/nix /p/init");
  BOOST_TEST((line.argv == Words{"/bin/nspawn", "-D", "/var/lib/my root", "--bind-ro=/nix", "/p/init"}));
  BOOST_TEST(!line.usesExpansion);
  BOOST_TEST(shell::split_exec_line("/bin/x %i").usesExpansion);
}

BOOST_AUTO_TEST_CASE(nspawn_options_end_at_the_first_word_that_is_not_one) {
  const Argv argv = {"systemd-nspawn", "-M", "web", "--bind=/a", "b:/c", "--setenv", "A=1", "/init"};
  const auto line = shell::read_nspawn_command_line(argv);
  BOOST_TEST(!line.problem);
  BOOST_REQUIRE(line.commandIndex);
  BOOST_TEST(*line.commandIndex == 4U);
  BOOST_TEST(line.setenv.empty());  // the --setenv after the command is the command's argument
}

BOOST_AUTO_TEST_CASE(nspawn_setenv_values_are_collected_and_the_last_wins) {
  const Argv argv = {"systemd-nspawn", "-E", "A=1", "--setenv=B=2", "-EA=3", "--setenv", "C", "-xn", "/init", "arg"};
  const auto line = shell::read_nspawn_command_line(argv);
  BOOST_REQUIRE(line.commandIndex);
  BOOST_TEST(argv[*line.commandIndex] == "/init");
  BOOST_TEST(line.environment("A") == "3");
  BOOST_TEST(line.environment("B") == "2");
  BOOST_TEST(line.environment("C") == "");
}

BOOST_AUTO_TEST_CASE(nspawn_refuses_unknown_options_and_accepts_unique_abbreviations) {
  BOOST_TEST(*shell::read_nspawn_command_line({"nspawn", "--no-such-option", "/init"}).problem ==
             "unrecognized option '--no-such-option'");
  BOOST_TEST(*shell::read_nspawn_command_line({"nspawn", "--network", "/init"}).problem == "option '--network' is ambiguous");
  BOOST_TEST(*shell::read_nspawn_command_line({"nspawn", "--ephemeral=yes", "/init"}).problem ==
             "option '--ephemeral' doesn't allow an argument");
  BOOST_TEST(*shell::read_nspawn_command_line({"nspawn", "-Q", "/init"}).problem == "invalid option -- 'Q'");
  const auto abbreviated = shell::read_nspawn_command_line({"nspawn", "--keep-u", "--notify", "yes", "/init"});
  BOOST_TEST(!abbreviated.problem);
  BOOST_TEST(*abbreviated.commandIndex == 4U);
  BOOST_TEST(shell::read_nspawn_command_line({"nspawn", "--bind", "/init"}).problem.has_value() == false);
  BOOST_TEST(*shell::read_nspawn_command_line({"nspawn", "--bind"}).problem == "option '--bind' requires an argument");
}

// `bash -n` on source a value became part of (2025 builds its scripts with it).
BOOST_AUTO_TEST_CASE(an_open_quote_is_what_bash_cannot_read) {
  BOOST_TEST(!shell::unclosed_quote("ip link set dev \"v1\" master 'br 0' up").has_value());
  BOOST_TEST(*shell::unclosed_quote("ip link del dev v\"1 || true") == "unexpected EOF while looking for matching `\"'");
  BOOST_TEST(*shell::unclosed_quote("--tmpfs=/a'b") == "unexpected EOF while looking for matching `''");
  BOOST_TEST(*shell::unclosed_quote("echo `date") == "unexpected EOF while looking for matching ``'");
  // Escaped quotes, quotes in comments and a quote inside the other kind are read.
  BOOST_TEST(!shell::unclosed_quote("echo \\\" \"a\\\"b\" 'c\"d'").has_value());
  BOOST_TEST(!shell::unclosed_quote("# Add v\"1 to bridge br0\nip link set dev v1 up").has_value());
  // A line break in a value ends the comment it was in.
  BOOST_TEST(shell::unclosed_quote("# Set IPs for a\n\"b").has_value());
  // `#` inside a word is not a comment.
  BOOST_TEST(shell::unclosed_quote("echo a#'b").has_value());
}

namespace {

// What the real bash says reading `source` as a script with `bash -n`: its first complaint
// without the "FILE: line N: " in front, or "" when it reads all of it.
std::string real_bash_complaint(const std::string& source) {
  const auto script = std::filesystem::temp_directory_path() / ("ctrlab-bash-n-" + std::to_string(::getpid()));
  std::ofstream(script) << source << '\n';
  const auto output = script.string() + ".out";
  const std::string command = "/bin/bash -n '" + script.string() + "' 2> '" + output + "'";
  (void)std::system(command.c_str());  // fixed test text only, never a spec's
  std::ifstream in(output);
  std::string first_line;
  std::getline(in, first_line);
  std::filesystem::remove(script);
  std::filesystem::remove(output);
  const auto at = first_line.find(": line ");
  if (at == std::string::npos) return first_line;
  const auto text = first_line.find(": ", at + 7);
  return first_line.substr(text + 2);
}

}  // namespace

// The module pastes some values into its scripts unquoted (2018-2022: extraVeths names in
// preStart, postStart and the container init; tmpfs paths in the start script): what bash
// then cannot read, it refuses with these words, and the script exits 2 there.
BOOST_AUTO_TEST_CASE(syntax_errors_are_the_ones_bash_reports) {
  const std::vector<std::string> sources = {
      "ip link del dev veth1 2> /dev/null || true ",
      "ip link del dev veth(1) 2> /dev/null || true ",
      "ip link set dev veth) up",
      "ip link set dev a;b up",
      "ip link set dev a|b up",
      "ip link set dev a&&b up",
      "ip link set dev a&b up",
      "ip link set dev a>b up",
      "ip link set dev a> up",
      "ip link set dev ;; up",
      "ip link set dev a; fi up",
      "ip link set dev a; then up",
      "ip link set dev a; if up",
      "ip link set dev a; { up",
      "ip link set dev a; } up",
      "ip link set dev a; done",
      "ip link set dev a;; up",
      "ip link set dev a || up",
      "ip link set dev a ||",
      "ip link set dev a | ",
      "ip link del dev v\\\"1 || true",
      "ip link del dev v\"1 || true",
      "exec nspawn --keep-unit --tmpfs=/a(b) --tmpfs=/c \\\n  /init",
      "exec nspawn --tmpfs=/a'b \\\n  /init",
      "echo \"Bring $(x up\"",
      "echo \"Bring ${x up\"",
      "echo \"Bring `x up\"",
      "echo \"Bring a\"b up\"",
      "foo(1) up",
      "foo() { echo; }",
      "foo() up",
      "(echo a) b",
      "(echo a",
      "( )",
      "{ echo a; }",
      "if true; then echo a; fi",
      "if true; then echo a; fi x",
      "if then",
      "if true; echo a; fi",
      "while true; do echo; done",
      "for v in a b; do echo $v; done",
      "for v in a b; echo; done",
      "case $x in a|b) echo;; *) ;; esac",
      "case $x in a) echo",
      "! echo a | cat |& cat",
      "echo a # (comment",
      "echo a#(b",
      "echo <(ls) >(cat)",
      "echo $((1 + (2))) \"$(echo \")\")\"",
      "echo a\nb)",
      "echo 'a(b' \"c)d\" e\\(f",
      "&& echo",
      "; echo",
      "echo a > > b",
      "echo a 2>&1 &> /dev/null <<< word",
      "function f { echo; }",
      "function f",
      "ip link set dev \"veth(1)\" up",
  };
  for (const auto& source : sources) {
    BOOST_TEST_CONTEXT("source: " << source) {
      BOOST_TEST(shell::syntax_error(source).value_or("") == real_bash_complaint(source));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
