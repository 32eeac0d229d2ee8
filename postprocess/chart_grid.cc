#include "chart_grid.h"

#include "display.h"

#include <vtkChartMatrix.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkPen.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkVector.h>

namespace mgsim_post
{
  vtkColor3ub
  series_colour(const unsigned int k)
  {
    static const unsigned char colours[][3] = {{0, 114, 178},
                                               {213, 94, 0},
                                               {0, 158, 115},
                                               {204, 121, 167},
                                               {86, 180, 233},
                                               {230, 159, 0},
                                               {0, 0, 0}};
    const auto                &c            = colours[k % 7];
    return vtkColor3ub(c[0], c[1], c[2]);
  }

  void
  style_line(vtkPlot *plot, const unsigned int k)
  {
    // ... and a dash pattern per curve: told apart in greyscale too.
    static const int  dashes[] = {vtkPen::SOLID_LINE,
                                  vtkPen::DASH_LINE,
                                  vtkPen::DOT_LINE,
                                  vtkPen::DASH_DOT_LINE,
                                  vtkPen::DASH_DOT_DOT_LINE};
    const vtkColor3ub colour   = series_colour(k);
    plot->SetColor(colour.GetRed(), colour.GetGreen(), colour.GetBlue(), 255);
    plot->SetWidth(2.0);
    plot->GetPen()->SetLineType(dashes[k % 5]);
  }

  void
  save_chart_grid(const unsigned int                                     count,
                  const std::function<void(unsigned int, vtkChartXY *)> &draw,
                  const unsigned int                                     width,
                  const unsigned int                                     height,
                  const std::string                                     &file)
  {
    const int columns = 2;
    const int rows    = (int(count) + columns - 1) / columns;
    auto      view    = vtkSmartPointer<vtkContextView>::New();
    view->GetRenderer()->SetBackground(1, 1, 1);
    view->GetRenderWindow()->SetSize(width, height);
    auto matrix = vtkSmartPointer<vtkChartMatrix>::New();
    matrix->SetSize(vtkVector2i(columns, rows));
    // Room for the axis titles and tick labels.
    matrix->SetGutter(vtkVector2f(90, 80));
    matrix->SetBorders(90, 60, 30, 30);
    view->GetScene()->AddItem(matrix);
    for (unsigned int k = 0; k < count; ++k)
      {
        // Row 0 is at the bottom: fill from the top.
        const vtkVector2i where(k % columns, rows - 1 - int(k / columns));
        draw(k, vtkChartXY::SafeDownCast(matrix->GetChart(where)));
      }
    save_picture(view->GetRenderWindow(), file);
  }
} // namespace mgsim_post
