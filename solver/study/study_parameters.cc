#include "study/study_parameters.h"

#include "base/input_error.h"
#include "input/ini_file.h"
#include "input/section_reader.h"

#include <boost/math/special_functions/erf.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

namespace mgsim
{
  namespace
  {
    const double inf = std::numeric_limits<double>::infinity();

    const std::string geometry_prefix = "mesh.parameters.";

    const std::vector<KeySpec> &
    study_keys()
    {
      static const std::vector<KeySpec> specs = {
        {"case",
         "-",
         "the base case file, relative to the study file",
         "a case file"},
        {"set",
         "-",
         "fixed overrides of the base case for every run",
         "section.key=value items separated by ';'",
         0,
         0,
         {},
         ""},
        {"sampler",
         "-",
         "how the uncertain parameters are sampled",
         "",
         0,
         0,
         {"latin_hypercube", "sobol", "grid", "list"},
         "latin_hypercube"},
        {"samples",
         "-",
         "runs (latin_hypercube; per design point), base rows (sobol: "
         "samples x (parameters + 2) runs)",
         "",
         1,
         100000,
         {},
         "16"},
        {"list",
         "-",
         "CSV file of parameter values, a column per parameter (sampler = list)",
         "a CSV file",
         0,
         0,
         {},
         ""},
        {"seed",
         "-",
         "seed of the sampler and the bootstrap",
         "",
         0,
         4294967295.0,
         {},
         "1"},
        {"bootstrap",
         "-",
         "bootstrap resamples of the intervals",
         "",
         100,
         100000,
         {},
         "1000"},
        {"outcomes",
         "-",
         "figures of summary.json to collect",
         "name=path items separated by ',' (e.g. "
         "covered=regions.tumour.covered_fraction)"}};
      return specs;
    }

    const std::vector<KeySpec> &
    parameter_keys()
    {
      static const std::vector<KeySpec> specs = {
        {"key",
         "-",
         "the case key varied (section.key, or mesh.parameters.NAME)",
         "a case key"},
        {"distribution",
         "-",
         "the parameter's distribution",
         "",
         0,
         0,
         {"uniform", "log_uniform", "normal", "log_normal", "discrete"}},
        {"lower",
         "-",
         "lower bound (truncation of normal, log_normal)",
         "",
         -inf,
         inf,
         {},
         "-inf"},
        {"upper",
         "-",
         "upper bound (truncation of normal, log_normal)",
         "",
         -inf,
         inf,
         {},
         "inf"},
        {"mean",
         "-",
         "normal: mean; log_normal: median",
         "",
         -inf,
         inf,
         {},
         "0"},
        {"sd",
         "-",
         "normal: standard deviation; log_normal: that of ln(value)",
         "",
         0,
         inf,
         {},
         "0"},
        {"values",
         "-",
         "discrete: the values, equally likely",
         "numbers separated by ','",
         0,
         0,
         {},
         ""},
        {"points",
         "-",
         "grid and design: grid points (discrete: all values)",
         "",
         1,
         1000,
         {},
         "3"},
        {"source", "-", "where the range comes from", "a reference or reason"}};
      return specs;
    }

    const std::vector<KeySpec> &
    target_keys()
    {
      static const std::vector<KeySpec> specs = {
        {"outcome", "-", "an outcome of [study] outcomes", "an outcome name"},
        {"comparison",
         "-",
         "how the outcome is compared",
         "",
         0,
         0,
         {">=", ">", "<=", "<"}},
        {"value", "-", "the value compared with", "", -inf, inf}};
      return specs;
    }

    const std::vector<KeySpec> &
    design_keys()
    {
      static const std::vector<KeySpec> specs = {
        {"parameters",
         "-",
         "one or two [parameter.NAME] swept on a grid",
         "parameter names separated by ','"},
        {"probability",
         "-",
         "the probability a design must reach",
         "",
         0,
         1,
         {},
         "0.9"},
        {"target",
         "-",
         "the [target.NAME] it is reached for",
         "a target name"}};
      return specs;
    }

    std::vector<std::string>
    split(const std::string &text, const char separator)
    {
      std::vector<std::string> items;
      std::stringstream        in(text);
      for (std::string item; std::getline(in, item, separator);)
        if (!trim(item).empty())
          items.push_back(trim(item));
      return items;
    }

    bool
    starts_with(const std::string &text, const std::string &prefix)
    {
      return text.rfind(prefix, 0) == 0;
    }

    /** Standard normal CDF and its inverse. */
    double
    normal_cdf(const double x)
    {
      return 0.5 * std::erfc(-x / std::sqrt(2.0));
    }
    double
    normal_quantile(const double p)
    {
      return -std::sqrt(2.0) * boost::math::erfc_inv(2 * p);
    }
  } // namespace

  double
  StudyParameter::value_at(const double u) const
  {
    if (distribution == "uniform")
      return lower + u * (upper - lower);
    if (distribution == "log_uniform")
      return lower * std::pow(upper / lower, u);
    if (distribution == "discrete")
      return values[std::min<std::size_t>(u * values.size(),
                                          values.size() - 1)];
    // normal / log_normal, truncated to [lower, upper]: u maps into the
    // bounds' CDF interval.
    const bool   log_scale = distribution == "log_normal";
    const double centre    = log_scale ? std::log(mean) : mean;
    const auto   z_of      = [&](const double x) {
      if (std::isinf(x))
        return x;
      return ((log_scale ? std::log(std::max(x, 1e-300)) : x) - centre) / sd;
    };
    const double p_low  = normal_cdf(z_of(lower));
    const double p_high = normal_cdf(z_of(upper));
    const double p = std::clamp(p_low + u * (p_high - p_low), 1e-15, 1 - 1e-15);
    const double x = centre + sd * normal_quantile(p);
    return std::clamp(log_scale ? std::exp(x) : x, lower, upper);
  }

  double
  StudyParameter::grid_value(const unsigned int k) const
  {
    if (distribution == "discrete")
      return values[k];
    // Bounds included: a design curve spans the whole range.
    const double t = points > 1 ? static_cast<double>(k) / (points - 1) : 0.5;
    if (distribution == "log_uniform" || distribution == "log_normal")
      return lower * std::pow(upper / lower, t);
    return lower + t * (upper - lower);
  }

  bool
  StudyTarget::met_by(const double x) const
  {
    if (comparison == ">=")
      return x >= value;
    if (comparison == ">")
      return x > value;
    if (comparison == "<=")
      return x <= value;
    return x < value;
  }

  std::string
  StudyTarget::text() const
  {
    return outcome + " " + comparison + " " + format_number(value);
  }

  StudyParameters
  read_study(const std::string &study_file)
  {
    namespace fs = std::filesystem;
    if (!fs::is_regular_file(study_file))
      throw InputError(study_file + ": no such study file");
    const auto declared =
      [](const std::string &section) -> const std::vector<KeySpec> * {
      if (section == "study")
        return &study_keys();
      if (section == "design")
        return &design_keys();
      if (starts_with(section, "parameter."))
        return &parameter_keys();
      if (starts_with(section, "target."))
        return &target_keys();
      return nullptr;
    };
    const IniFile file = IniFile::read(
      study_file,
      {},
      [&](const std::string &section, std::vector<std::string> &keys) {
        const auto *specs = declared(section);
        if (specs)
          keys = keys_of(*specs);
        return specs != nullptr;
      },
      "[study], [parameter.NAME], [target.NAME], [design]");
    if (!file.has_section("study"))
      throw InputError(study_file + ": section [study] is missing");

    std::vector<ResolvedParameter> resolved;
    StudyParameters                s;
    s.study_file = study_file;
    SectionReader study(file, "study", study_keys(), resolved);
    s.case_file = study.path("case", study_file);
    if (!fs::is_regular_file(s.case_file))
      study.fail("case",
                 "an existing case file (" + s.case_file + " not found)");
    s.fixed_overrides = split(study.text("set"), ';');
    for (const auto &item : s.fixed_overrides)
      if (item.find('=') == std::string::npos)
        study.fail("set",
                   "section.key=value items separated by ';', not '" + item +
                     "'");
    s.sampler   = study.choice("sampler");
    s.samples   = study.integer("samples");
    s.seed      = study.integer("seed");
    s.bootstrap = study.integer("bootstrap");
    if (s.sampler == "list")
      {
        s.list_file = study.path("list", study_file);
        if (!fs::is_regular_file(s.list_file))
          study.fail("list",
                     "an existing CSV file (" + s.list_file + " not found)");
      }
    for (const auto &item : split(study.text("outcomes"), ','))
      {
        const auto   equal = item.find('=');
        StudyOutcome o{item.substr(0, equal),
                       equal == std::string::npos ? item :
                                                    item.substr(equal + 1)};
        o.name = trim(o.name);
        o.path = trim(o.path);
        if (o.name.empty() || o.path.empty() ||
            o.name.find_first_of(" ,;\"") != std::string::npos ||
            o.path.find_first_of(" \t") != std::string::npos)
          study.fail("outcomes",
                     "name=path items separated by ',', not '" + item + "'");
        s.outcomes.push_back(o);
      }
    if (s.outcomes.empty())
      study.fail("outcomes", "at least one name=path");

    std::vector<StudyParameter> all;
    for (const auto &section : file.sections())
      if (starts_with(section, "parameter."))
        {
          SectionReader  r(file, section, parameter_keys(), resolved);
          StudyParameter p;
          p.name         = section.substr(10);
          p.key          = r.text("key");
          p.distribution = r.choice("distribution");
          p.lower        = r.number("lower");
          p.upper        = r.number("upper");
          p.mean         = r.number("mean");
          p.sd           = r.number("sd");
          p.points       = r.integer("points");
          p.source       = r.text("source");
          for (const auto &key : split(p.key, ','))
            if (key.find('.') == std::string::npos ||
                key.find_first_of("= ") != std::string::npos)
              r.fail(
                "key",
                "case keys section.key (several separated by ',' take the same value)");
          if (p.key.find(geometry_prefix) != std::string::npos &&
              p.key.find(',') != std::string::npos)
            r.fail(
              "key",
              "one geometry parameter mesh.parameters.NAME per [parameter.NAME]");
          if (p.distribution == "discrete")
            {
              for (const auto &v : split(r.text("values"), ','))
                {
                  std::size_t used = 0;
                  double      x    = 0;
                  try
                    {
                      x = std::stod(v, &used);
                    }
                  catch (const std::exception &)
                    {
                    }
                  if (used != v.size() || !std::isfinite(x))
                    r.fail("values", "finite numbers separated by ','");
                  p.values.push_back(x);
                }
              if (p.values.empty())
                r.fail("values",
                       "at least one value for a discrete distribution");
              p.points = p.values.size();
            }
          const bool bounded = std::isfinite(p.lower) && std::isfinite(p.upper);
          if ((p.distribution == "uniform" ||
               p.distribution == "log_uniform") &&
              !(bounded && p.lower < p.upper))
            r.fail("upper",
                   "finite lower < upper for a " + p.distribution +
                     " distribution");
          if (p.distribution == "log_uniform" && p.lower <= 0)
            r.fail("lower", "a positive lower bound for log_uniform");
          if ((p.distribution == "normal" || p.distribution == "log_normal") &&
              (p.sd <= 0 || !(p.lower < p.upper)))
            r.fail("sd",
                   "sd > 0 and lower < upper for a " + p.distribution +
                     " distribution");
          if (p.distribution == "log_normal" && p.mean <= 0)
            r.fail("mean", "a positive median for log_normal");
          all.push_back(p);
        }
    if (all.empty())
      throw InputError(
        study_file +
        ": no [parameter.NAME] section: a study varies at least one");

    std::vector<std::string> design_names;
    if (file.has_section("design"))
      {
        SectionReader d(file, "design", design_keys(), resolved);
        design_names         = split(d.text("parameters"), ',');
        s.design_probability = d.number("probability");
        s.design_target      = d.text("target");
        if (design_names.empty() || design_names.size() > 2)
          d.fail("parameters", "one or two parameter names");
        for (const auto &n : design_names)
          if (std::none_of(all.begin(), all.end(), [&](auto &p) {
                return p.name == n;
              }))
            d.fail("parameters",
                   "names of [parameter.NAME] sections, not '" + n + "'");
        if (!file.has_section("target." + s.design_target))
          d.fail("target",
                 "the name of a [target.NAME] section, not '" +
                   s.design_target + "'");
      }
    for (const auto &p : all)
      (std::count(design_names.begin(), design_names.end(), p.name) ?
         s.design :
         s.parameters)
        .push_back(p);
    if (s.design.size() > 0 && s.sampler != "latin_hypercube")
      throw InputError(study_file +
                       ": [design] samples the uncertain parameters with "
                       "sampler = latin_hypercube at every design point");
    if (s.design.size() == all.size())
      throw InputError(study_file +
                       ": [design] sweeps every parameter: leave at least "
                       "one uncertain [parameter.NAME] to sample");

    for (const auto &section : file.sections())
      if (starts_with(section, "target."))
        {
          SectionReader r(file, section, target_keys(), resolved);
          StudyTarget   t{section.substr(7),
                        r.text("outcome"),
                        r.choice("comparison"),
                        r.number("value")};
          if (std::none_of(s.outcomes.begin(), s.outcomes.end(), [&](auto &o) {
                return o.name == t.outcome;
              }))
            r.fail("outcome",
                   "a name of [study] outcomes, not '" + t.outcome + "'");
          s.targets.push_back(t);
        }
    return s;
  }

  double
  outcome_value(const std::string &json_text, const std::string &path)
  {
    using nlohmann::json;
    json node;
    try
      {
        node = json::parse(json_text);
      }
    catch (const json::exception &)
      {
        return std::nan("");
      }
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '.');)
      {
        // Dots inside a name ("7.6") cannot be told apart: try the longest
        // key that exists first.
        if (node.is_object())
          {
            std::string key = part;
            while (!node.contains(key))
              {
                std::string more;
                if (!std::getline(in, more, '.'))
                  return std::nan("");
                key += "." + more;
              }
            node = node[key];
          }
        else if (node.is_array())
          {
            const auto named =
              std::find_if(node.begin(), node.end(), [&](const json &e) {
                return e.is_object() && e.contains("name") && e["name"] == part;
              });
            if (named != node.end())
              node = *named;
            else if (!part.empty() &&
                     part.find_first_not_of("0123456789") ==
                       std::string::npos &&
                     std::stoul(part) < node.size())
              node = node[std::stoul(part)];
            else
              return std::nan("");
          }
        else
          return std::nan("");
      }
    return node.is_number() ? node.get<double>() : std::nan("");
  }
} // namespace mgsim
