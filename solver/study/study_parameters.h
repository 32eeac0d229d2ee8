// A study file (doc/model.md §10): the base case, the uncertain parameters
// and their distributions (each with its source), the sampler, the outcomes
// to collect from every run's summary.json and the targets to report
// probabilities for; optionally a design grid swept over one or two
// parameters with the uncertain ones sampled at every grid point.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One varied parameter: a case key and its distribution. */
  struct StudyParameter
  {
    std::string name;
    /** A case key "section.key" (several, separated by ',', take the same
     * value), or "mesh.parameters.NAME" (a geometry number). */
    std::string key;
    /** uniform, log_uniform, normal, log_normal, discrete. */
    std::string distribution;
    double      lower = 0, upper = 0;
    /** normal: mean and standard deviation; log_normal: median and the
     * standard deviation of ln(value). */
    double              mean = 0, sd = 0;
    std::vector<double> values;
    /** grid and design: the number of grid points (discrete: all values). */
    unsigned int points = 0;
    std::string  source;

    /** The value at @p u in [0, 1) (the inverse of its distribution). */
    double
    value_at(double u) const;
    /** The value of grid point @p k of points(). */
    double
    grid_value(unsigned int k) const;
  };

  /** @brief A figure of summary.json collected from every run. */
  struct StudyOutcome
  {
    std::string name;
    /** Dotted path; a list of named objects is entered by name
     * ("regions.tumour.covered_fraction"), other lists by index. */
    std::string path;
  };

  /** @brief "outcome comparison value", reported as a probability. */
  struct StudyTarget
  {
    std::string name, outcome, comparison;
    double      value = 0;

    bool
    met_by(double outcome_value) const;
    std::string
    text() const;
  };

  struct StudyParameters
  {
    std::string              study_file;
    std::string              case_file;
    std::vector<std::string> fixed_overrides;
    std::string              sampler;
    unsigned int             samples = 0;
    std::string              list_file;
    std::uint64_t            seed      = 1;
    unsigned int             bootstrap = 1000;
    /** Uncertain parameters (sampled) and design parameters (gridded). */
    std::vector<StudyParameter> parameters, design;
    std::vector<StudyOutcome>   outcomes;
    std::vector<StudyTarget>    targets;
    /** The probability a design must reach, and for which target. */
    double      design_probability = 0.9;
    std::string design_target;
  };

  /** Reads @p study_file; InputError (one line, file and key) if bad. */
  StudyParameters
  read_study(const std::string &study_file);

  /** The value of @p path in the JSON text @p json_text; NaN if absent. */
  double
  outcome_value(const std::string &json_text, const std::string &path);
} // namespace mgsim
