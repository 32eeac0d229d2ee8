// N parallel pure Mg wires through a subcutaneous xenograft tumour: the
// design question of an anti-tumour implant (how many wires, how far apart,
// how thick). The tumour, tissues and far field are those of
// wire_in_tumour.geo (ellipsoid 8 x 8 x 6 mm centred at (0, 0, 4) in
// subcutaneous tissue over muscle; units mm).
//
// Parameters (set by a case's [mesh] parameters, or gmsh -setnumber):
//   wires        number of wires, in one plane (z = 4), along x
//   spacing_mm   centre-to-centre distance of neighbouring wires
//   diameter_mm  wire diameter
//   length_mm    wire length (centred on x = 0)
// Every wire must end inside the tumour (checked below).
//
// Mesh as wire_in_tumour.geo: tetrahedra graded from 0.15 mm at the wires to
// 2.5 mm at 6 mm distance, each split into four hexahedra.
//
// Physical groups: volumes "wire" (all wires: one implant), "tumour",
// "subcutaneous", "muscle"; surfaces "skin" (top) and "far".
SetFactory("OpenCASCADE");

DefineConstant[
  wires = {3, Name "Parameters/wires"},
  spacing_mm = {1.5, Name "Parameters/spacing_mm"},
  diameter_mm = {0.5, Name "Parameters/diameter_mm"},
  length_mm = {6, Name "Parameters/length_mm"}
];
If (wires < 1 || wires > 9 || wires != Round(wires))
  Error("wires = %g: expected a whole number from 1 to 9", wires);
  Abort;
EndIf
R = diameter_mm / 2;
If (diameter_mm < 0.05 || diameter_mm > 2)
  Error("diameter_mm = %g: expected 0.05 to 2 mm", diameter_mm);
  Abort;
EndIf
If (wires > 1 && spacing_mm < diameter_mm + 0.1)
  Error("spacing_mm = %g: expected at least the diameter + 0.1 mm", spacing_mm);
  Abort;
EndIf
// The outermost wire's far corner (x = L/2, y = ymax + R) inside the
// ellipsoid x^2/16 + y^2/16 + (z-4)^2/9 <= 1, with 0.25 mm to spare.
ymax = (wires - 1) * spacing_mm / 2 + R;
If ((length_mm / 2)^2 / 16 + ymax^2 / 16 > ((4 - 0.25) / 4)^2 || length_mm < 0.5)
  Error("wires = %g, spacing_mm = %g, length_mm = %g: the wires would leave the tumour", wires, spacing_mm, length_mm);
  Abort;
EndIf

Box(1) = {-9, -9, -5, 18, 18, 5};     // muscle
Box(2) = {-9, -9, 0, 18, 18, 8};      // subcutaneous
Sphere(3) = {0, 0, 4, 1};
Dilate {{0, 0, 4}, {4, 4, 3}} { Volume{3}; }
For i In {0:wires-1}
  y = (i - (wires - 1) / 2) * spacing_mm;
  Cylinder(10 + i) = {-length_mm/2, y, 4, length_mm, 0, 0, R};
EndFor
BooleanFragments{ Volume{1,2,3}; Delete; }{ Volume{10:10+wires-1}; Delete; }
eps = 1e-3;
// As in wire_in_tumour.geo: wires by their (tight) boxes, the tumour as
// what is neither a wire nor a slab spanning the whole width.
wire() = Volume In BoundingBox{-length_mm/2-eps, -ymax-eps, 4-R-eps, length_mm/2+eps, ymax+eps, 4+R+eps};
tumour() = {}; sub() = {}; muscle() = {};
all() = Volume{:};
For i In {0:#all()-1}
  bb() = BoundingBox Volume{all(i)};
  isWire = 0;
  For j In {0:#wire()-1}
    If (all(i) == wire(j))
      isWire = 1;
    EndIf
  EndFor
  If (!isWire)
    If (bb(0) > -9 + 0.5)
      tumour() += all(i);
    ElseIf (bb(5) < eps)
      muscle() += all(i);
    Else
      sub() += all(i);
    EndIf
  EndIf
EndFor
Physical Volume("wire") = wire();
Physical Volume("tumour") = tumour();
Physical Volume("subcutaneous") = sub();
Physical Volume("muscle") = muscle();
skin() = Surface In BoundingBox{-9-eps, -9-eps, 8-eps, 9+eps, 9+eps, 8+eps};
outer() = Abs(CombinedBoundary{ Volume{all()}; });
far() = outer();
far() -= skin();
Physical Surface("skin") = skin();
Physical Surface("far") = far();
Field[1] = Distance; Field[1].SurfacesList = {Boundary{Volume{wire()};}};
// Element size: fine where Mg2+ varies (next to the wires), coarse far away.
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.15; Field[2].SizeMax = 2.5; Field[2].DistMin = 0.15; Field[2].DistMax = 6;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
