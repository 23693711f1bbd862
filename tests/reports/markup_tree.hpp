#pragma once

// The XML and HTML reports read back as trees, so that tests assert on elements and attributes
// and a failure names what differs, not that a substring is missing somewhere.
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace report_test {

using Tree = boost::property_tree::ptree;

// The document's root element is the tree's one child. Throws on markup that is not
// well-formed (the HTML page is, after its doctype).
inline Tree parse_markup(const std::string& text) {
  std::istringstream in(text);
  Tree tree;
  boost::property_tree::read_xml(in, tree, boost::property_tree::xml_parser::no_comments);
  return tree;
}

inline std::string attribute(const Tree& element, const std::string& name) {
  return element.get<std::string>("<xmlattr>." + name, "");
}

// The element's own text (its text children, concatenated).
inline std::string text_of(const Tree& element) { return element.data(); }

// The child elements named `name`, in document order.
inline std::vector<const Tree*> children(const Tree& element, const std::string& name) {
  std::vector<const Tree*> found;
  for (const auto& [key, child] : element) {
    if (key == name) found.push_back(&child);
  }
  return found;
}

// Every element named `name` below `element`, in document order.
inline std::vector<const Tree*> descendants(const Tree& element, const std::string& name) {
  std::vector<const Tree*> found;
  const std::function<void(const Tree&)> walk = [&](const Tree& node) {
    for (const auto& [key, child] : node) {
      if (key == "<xmlattr>") continue;
      if (key == name) found.push_back(&child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

// The first element named `name` below `element` whose attribute `key` is `value`; null if none.
inline const Tree* find_element(const Tree& element, const std::string& name, const std::string& key,
                                const std::string& value) {
  for (const Tree* candidate : descendants(element, name)) {
    if (attribute(*candidate, key) == value) return candidate;
  }
  return nullptr;
}

// The cells' texts of each row (<tr>) of a table.
inline std::vector<std::vector<std::string>> table_rows(const Tree& table) {
  std::vector<std::vector<std::string>> rows;
  for (const Tree* row : children(table, "tr")) {
    std::vector<std::string> cells;
    for (const auto& [key, cell] : *row) {
      if (key == "td" || key == "th") cells.push_back(text_of(cell));
    }
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace report_test
