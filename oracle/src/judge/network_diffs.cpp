#include <algorithm>
#include <map>
#include <set>

#include "aspect_diffs.hpp"

namespace ctrlab::oracle::judging {
namespace {

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::string ref_text(const std::optional<LinkRef>& ref) {
  return ref ? ref->link + " in " + ref->space.to_string() : "";
}

void compare_field(std::vector<Difference>& out, const std::string& subject, const std::string& field,
                   const std::string& predicted, const std::string& observed) {
  if (predicted != observed) out.push_back({DiffKind::changed, subject, field, predicted, observed});
}

std::string link_field(const LinkState& link, std::string_view what) {
  return "links[" + link.name + "]." + std::string(what);
}

std::string address_field(const AddressState& address) {
  return "addresses[" + (address.kernel_chosen ? address.local.network().to_string() + " (kernel-chosen)" : address.local.to_string()) +
         " on " + address.link + "]";
}

std::string route_field(const RouteState& route) { return "routes[" + route_key(route) + " dev " + route.device + "]"; }

bool same_route_identity(const RouteState& a, const RouteState& b) {
  return a.destination == b.destination && a.gateway == b.gateway && a.device == b.device && a.type == b.type;
}

bool same_route(const RouteState& a, const RouteState& b) {
  return same_route_identity(a, b) && a.protocol == b.protocol && a.scope == b.scope &&
         a.preferred_source == b.preferred_source && a.metric == b.metric;
}

}  // namespace

std::vector<Difference> diff_links(const std::string& subject, const NamespaceState& predicted, const NamespaceState& observed) {
  std::vector<Difference> out;
  for (const auto& expected : predicted.links) {
    const LinkState* seen = observed.find_link(expected.name);
    if (seen == nullptr) {
      out.push_back({DiffKind::missing, subject, "links[" + expected.name + "]", describe(expected), ""});
      continue;
    }
    compare_field(out, subject, link_field(expected, "kind"), std::string(to_string(expected.kind)), std::string(to_string(seen->kind)));
    compare_field(out, subject, link_field(expected, "altnames"), joined(expected.altnames), joined(seen->altnames));
    compare_field(out, subject, link_field(expected, "master"), expected.master.value_or(""), seen->master.value_or(""));
    compare_field(out, subject, link_field(expected, "peer"), ref_text(expected.peer), ref_text(seen->peer));
    compare_field(out, subject, link_field(expected, "parent"), ref_text(expected.parent), ref_text(seen->parent));
    compare_field(out, subject, link_field(expected, "up"), yes_no(expected.up), yes_no(seen->up));
    compare_field(out, subject, link_field(expected, "carrier"), yes_no(expected.lower_up), yes_no(seen->lower_up));
    // A MAC nobody set is the kernel's choice: only a predicted one is compared.
    if (expected.mac) {
      compare_field(out, subject, link_field(expected, "mac"), expected.mac->to_string(),
                    seen->mac ? seen->mac->to_string() : "");
    }
  }
  for (const auto& seen : observed.links) {
    if (predicted.find_link(seen.name) == nullptr) {
      out.push_back({DiffKind::unexpected, subject, "links[" + seen.name + "]", "", describe(seen)});
    }
  }
  return out;
}

std::vector<Difference> diff_addresses(const std::string& subject, const NamespaceState& predicted,
                                       const NamespaceState& observed) {
  std::vector<Difference> out;
  std::vector<bool> matched(observed.addresses.size(), false);
  const auto claim = [&](auto&& fits) -> const AddressState* {
    for (std::size_t i = 0; i < observed.addresses.size(); ++i) {
      if (!matched[i] && fits(observed.addresses[i])) {
        matched[i] = true;
        return &observed.addresses[i];
      }
    }
    return nullptr;
  };
  std::vector<const AddressState*> kernel_chosen;
  for (const auto& expected : predicted.addresses) {
    if (expected.kernel_chosen) {
      kernel_chosen.push_back(&expected);
      continue;
    }
    const AddressState* seen = claim([&](const AddressState& each) {
      return each.link == expected.link && each.local == expected.local;
    });
    if (seen == nullptr) {
      out.push_back({DiffKind::missing, subject, address_field(expected), describe(expected), ""});
    } else {
      compare_field(out, subject, address_field(expected) + ".scope", std::string(to_string(expected.scope)),
                    std::string(to_string(seen->scope)));
    }
  }
  // Kernel-chosen ones take whatever is left on their link inside their prefix.
  for (const auto* expected : kernel_chosen) {
    const AddressState* seen = claim([&](const AddressState& each) {
      return each.link == expected->link && each.local.length == expected->local.length &&
             expected->local.contains(each.local.address) && each.scope == expected->scope;
    });
    if (seen == nullptr) out.push_back({DiffKind::missing, subject, address_field(*expected), describe(*expected), ""});
  }
  for (std::size_t i = 0; i < observed.addresses.size(); ++i) {
    if (!matched[i]) {
      out.push_back({DiffKind::unexpected, subject, address_field(observed.addresses[i]), "", describe(observed.addresses[i])});
    }
  }
  return out;
}

std::vector<Difference> diff_routes(const std::string& subject, const NamespaceState& predicted, const NamespaceState& observed) {
  std::vector<Difference> out;
  std::vector<bool> matched(observed.routes.size(), false);
  std::vector<const RouteState*> unmatched;
  // Exact matches first, so that two routes differing only in metric pair up correctly.
  for (const auto& expected : predicted.routes) {
    bool found = false;
    for (std::size_t i = 0; i < observed.routes.size() && !found; ++i) {
      if (!matched[i] && same_route(expected, observed.routes[i])) found = matched[i] = true;
    }
    if (!found) unmatched.push_back(&expected);
  }
  for (const auto* expected : unmatched) {
    const RouteState* seen = nullptr;
    for (std::size_t i = 0; i < observed.routes.size() && seen == nullptr; ++i) {
      if (!matched[i] && same_route_identity(*expected, observed.routes[i])) {
        matched[i] = true;
        seen = &observed.routes[i];
      }
    }
    if (seen == nullptr) {
      out.push_back({DiffKind::missing, subject, route_field(*expected), describe(*expected), ""});
      continue;
    }
    const std::string field = route_field(*expected);
    compare_field(out, subject, field + ".proto", std::string(to_string(expected->protocol)), std::string(to_string(seen->protocol)));
    compare_field(out, subject, field + ".scope", std::string(to_string(expected->scope)), std::string(to_string(seen->scope)));
    compare_field(out, subject, field + ".src", expected->preferred_source ? expected->preferred_source->to_string() : "",
                  seen->preferred_source ? seen->preferred_source->to_string() : "");
    compare_field(out, subject, field + ".metric", std::to_string(expected->metric), std::to_string(seen->metric));
  }
  for (std::size_t i = 0; i < observed.routes.size(); ++i) {
    if (!matched[i]) out.push_back({DiffKind::unexpected, subject, route_field(observed.routes[i]), "", describe(observed.routes[i])});
  }
  return out;
}

std::vector<Difference> diff_reachability(const std::vector<ReachabilityExpectation>& predicted,
                                          const std::vector<ReachabilityResult>& observed, std::vector<std::string>& notes) {
  std::vector<Difference> out;
  const auto answer = [](bool answers) { return std::string(answers ? "answers" : "no answer"); };
  std::map<ReachabilityProbe, bool> seen;
  for (const auto& result : observed) seen.emplace(result.probe, result.answered);
  std::set<ReachabilityProbe> expected_probes;
  for (const auto& expected : predicted) {
    expected_probes.insert(expected.probe);
    const auto found = seen.find(expected.probe);
    const std::string field = "reachability[" + expected.probe.describe() + "]";
    if (found == seen.end()) {
      out.push_back({DiffKind::missing, "", field, answer(expected.answers) + " (" + expected.why + ")", ""});
    } else if (found->second != expected.answers) {
      out.push_back({DiffKind::changed, "", field, answer(expected.answers) + " (" + expected.why + ")", answer(found->second)});
    }
  }
  for (const auto& result : observed) {
    if (!expected_probes.contains(result.probe)) {
      notes.push_back("probe " + result.probe.describe() + " was not predicted; it got " + answer(result.answered));
    }
  }
  return out;
}

}  // namespace ctrlab::oracle::judging
