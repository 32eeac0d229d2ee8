// Benchmark mesh: a 0.5 mm wire through a tissue box, an all-hexahedral
// O-grid graded radially as a new user would mesh it in gmsh (transfinite
// curves with a progression). Units: mm.
//
// Cross-section: a square core (n_quarter x n_quarter cells) and n_wire rings
// of cells up to the wire surface (r = 0.25 mm) are the metal; n_tissue cells
// grow by q_tissue from the wire surface to the sides of a square box of
// half-width W. Extruded over L in n_len layers: the wire runs through the
// whole box (its ends are no-flux), so the solution is nearly 2D and every
// code sees the same surface level.
//
// Defaults: 64 circumferential x 64 radial x 32 axial tissue cells, grading
// 1.15; 151k nodes. The first tissue cell is 0.14 um thick (aspect ratio ~180
// against the circumferential size, ~900 against the axial one): a hard mesh
// for algebraic multigrid. Change the numbers with gmsh -setnumber.
//
// Physical groups: volumes "wire" (1), "tissue" (2); surfaces "outer" (1,
// the box sides) and "ends" (2, top and bottom).
If (!Exists(W))
  W = 5.0;        // box half-width
EndIf
If (!Exists(L))
  L = 4.0;        // box (and wire) length
EndIf
If (!Exists(n_quarter))
  n_quarter = 16; // cells per quarter circle
EndIf
If (!Exists(n_tissue))
  n_tissue = 64;  // radial cells in tissue
EndIf
If (!Exists(q_tissue))
  q_tissue = 1.15;
EndIf
If (!Exists(n_len))
  n_len = 32;
EndIf
R_wire = 0.25;
s_core = 0.12;    // distance of the core square's corners from the axis
n_wire = 2;       // rings between the core and the wire surface

Mesh.MshFileVersion = 2.2;
Mesh.RecombineAll = 1;

c = newp; Point(c) = {0, 0, 0};
For i In {0:3}
  a = Pi/4 + i*Pi/2;
  pc[i] = newp; Point(pc[i]) = {s_core*Cos(a), s_core*Sin(a), 0};
  pw[i] = newp; Point(pw[i]) = {R_wire*Cos(a), R_wire*Sin(a), 0};
  po[i] = newp; Point(po[i]) = {W*Sqrt(2)*Cos(a), W*Sqrt(2)*Sin(a), 0};
EndFor
For i In {0:3}
  j = (i+1)%4;
  lc[i] = newl; Line(lc[i])   = {pc[i], pc[j]};
  lw[i] = newl; Circle(lw[i]) = {pw[i], c, pw[j]};
  lo[i] = newl; Line(lo[i])   = {po[i], po[j]};
  sw[i] = newl; Line(sw[i])   = {pc[i], pw[i]};
  st[i] = newl; Line(st[i])   = {pw[i], po[i]};
EndFor
Transfinite Curve{lc[], lw[], lo[]} = n_quarter + 1;
Transfinite Curve{sw[]} = n_wire + 1;
Transfinite Curve{st[]} = n_tissue + 1 Using Progression q_tissue;

cl = newll; Curve Loop(cl) = {lc[0], lc[1], lc[2], lc[3]};
core = news; Plane Surface(core) = {cl};
For i In {0:3}
  j = (i+1)%4;
  cl = newll; Curve Loop(cl) = {sw[i], lw[i], -sw[j], -lc[i]};
  ring[i] = news; Plane Surface(ring[i]) = {cl};
  cl = newll; Curve Loop(cl) = {st[i], lo[i], -st[j], -lw[i]};
  outer[i] = news; Plane Surface(outer[i]) = {cl};
EndFor
Transfinite Surface{core, ring[], outer[]};
Recombine Surface{core, ring[], outer[]};

sect[] = {core, ring[], outer[]};
wire_vols[] = {}; tissue_vols[] = {};
For i In {0:#sect[]-1}
  ex[] = Extrude {0, 0, L} { Surface{sect[i]}; Layers{n_len}; Recombine; };
  If (i < 5)
    wire_vols[] += ex[1];
  Else
    tissue_vols[] += ex[1];
  EndIf
EndFor

eps = 1e-6;
Physical Volume("wire", 1) = {wire_vols[]};
Physical Volume("tissue", 2) = {tissue_vols[]};
ends[] = Surface In BoundingBox{-W-eps, -W-eps, -eps, W+eps, W+eps, eps};
ends[] += Surface In BoundingBox{-W-eps, -W-eps, L-eps, W+eps, W+eps, L+eps};
all[] = Abs(CombinedBoundary{ Volume{wire_vols[], tissue_vols[]}; });
sides[] = all[];
sides[] -= ends[];
Physical Surface("outer", 1) = {sides[]};
Physical Surface("ends", 2) = {ends[]};
