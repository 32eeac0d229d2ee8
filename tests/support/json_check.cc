// Compares two summary.json files (no deal.II needed).
//   json_check compare A B RELTOL [--skip KEY]...
// Both files must have the same keys, in the same order, with the same
// strings, integers and nulls. Floating-point numbers agree to RELTOL:
// a number on its own relative to its magnitude, an array of numbers (a
// series over output times) relative to the array's largest magnitude, as
// csv_check compares a column; a number under one key in the objects of an
// array (a figure per region) relative to that key's largest magnitude over
// the array: solver errors scale with the field, not with a region's share
// (a far region's excess dose is a small difference of larger levels). Keys
// named with --skip (such as "case", the case file's path, which depends on the
// checkout) are not compared.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>

namespace
{
  using Json = nlohmann::ordered_json;

  struct Comparison
  {
    double                tolerance;
    std::set<std::string> skipped;
    double                worst    = 0;
    std::string           worst_at = "(none)";
    int                   failures = 0;

    void
    fail(const std::string &where, const std::string &what)
    {
      std::cout << "FAIL  " << where << ": " << what << "\n";
      ++failures;
    }

    /** |a - b| / scale, recorded as the worst seen so far. */
    void
    numbers(const std::string &where, double a, double b, double scale)
    {
      const double difference = scale > 0 ? std::abs(a - b) / scale : 0.0;
      if (difference > worst)
        {
          worst    = difference;
          worst_at = where;
        }
      if (!(difference <= tolerance))
        fail(where,
             std::to_string(a) + " vs " + std::to_string(b) +
               " (relative difference " + std::to_string(difference) + ")");
    }

    /** Largest magnitude of each key's numbers over the objects of @p a
     * and @p b (arrays of equal length). */
    static std::map<std::string, double>
    key_scales(const Json &a, const Json &b)
    {
      std::map<std::string, double> scales;
      for (const Json *array : {&a, &b})
        for (const Json &element : *array)
          if (element.is_object())
            for (auto i = element.begin(); i != element.end(); ++i)
              if (i.value().is_number())
                scales[i.key()] =
                  std::max(scales[i.key()], std::abs(i.value().get<double>()));
      return scales;
    }

    /** @p scales: per key, the scale of an object's numbers (from its
     * array, key_scales()); a number's own magnitude otherwise. */
    void
    values(const std::string                   &where,
           const Json                          &a,
           const Json                          &b,
           const std::map<std::string, double> *scales = nullptr,
           double                               scale  = 0)
    {
      if (a.is_number_float() || b.is_number_float())
        {
          if (!a.is_number() || !b.is_number())
            return fail(where, "a number in one file only");
          const double x = a.get<double>(), y = b.get<double>();
          return numbers(where,
                         x,
                         y,
                         std::max({scale, std::abs(x), std::abs(y)}));
        }
      if (a.type() != b.type())
        return fail(where, "different JSON types");
      if (a.is_object())
        {
          if (a.size() != b.size())
            return fail(where, "different numbers of keys");
          auto j = b.begin();
          for (auto i = a.begin(); i != a.end(); ++i, ++j)
            {
              if (i.key() != j.key())
                return fail(where,
                            "key '" + i.key() + "' vs '" + j.key() + "'");
              if (skipped.count(i.key()) == 0)
                values(where + "/" + i.key(),
                       i.value(),
                       j.value(),
                       nullptr,
                       scales && scales->count(i.key()) ? scales->at(i.key()) :
                                                          0.0);
            }
          return;
        }
      if (a.is_array())
        {
          if (a.size() != b.size())
            return fail(where, "arrays of different length");
          const bool all_numbers =
            std::all_of(a.begin(), a.end(), [](const Json &v) {
              return v.is_number();
            });
          if (all_numbers && std::all_of(b.begin(), b.end(), [](const Json &v) {
                return v.is_number();
              }))
            {
              // A series: compared on its own scale, like a CSV column.
              double scale = 0;
              for (std::size_t k = 0; k < a.size(); ++k)
                scale = std::max({scale,
                                  std::abs(a[k].get<double>()),
                                  std::abs(b[k].get<double>())});
              for (std::size_t k = 0; k < a.size(); ++k)
                numbers(where + "/" + std::to_string(k),
                        a[k].get<double>(),
                        b[k].get<double>(),
                        scale);
              return;
            }
          const auto scales = key_scales(a, b);
          for (std::size_t k = 0; k < a.size(); ++k)
            values(where + "/" + std::to_string(k), a[k], b[k], &scales);
          return;
        }
      if (a != b)
        fail(where, a.dump() + " vs " + b.dump());
    }
  };

  Json
  read(const std::string &path)
  {
    std::ifstream in(path);
    if (!in)
      throw std::runtime_error("cannot read " + path);
    return Json::parse(in);
  }
} // namespace

int
main(int argc, char **argv)
{
  try
    {
      if (argc < 5 || std::string(argv[1]) != "compare")
        {
          std::cerr << "usage: json_check compare A B RELTOL [--skip KEY]...\n";
          return 2;
        }
      Comparison comparison{std::stod(argv[4]), {}};
      for (int i = 5; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--skip")
          comparison.skipped.insert(argv[i + 1]);
      comparison.values("", read(argv[2]), read(argv[3]));
      std::cout << "largest relative difference " << comparison.worst << " at "
                << comparison.worst_at << " (limit " << comparison.tolerance
                << ")\n"
                << (comparison.failures ? "FAIL" : "PASS") << "\n";
      return comparison.failures ? 1 : 0;
    }
  catch (const std::exception &e)
    {
      std::cerr << "json_check: " << e.what() << "\n";
      return 1;
    }
}
