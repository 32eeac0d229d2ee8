// Mg wire (0.5 mm diameter, 5 mm long) centred in a tissue cylinder.
// Units: mm (the case file's [mesh] unit = mm converts to SI).
//
// All-hexahedral O-grid so that deal.II's parallel::distributed::Triangulation
// can use it: a square core, a ring up to the wire surface, a graded ring out
// to the far field, extruded in graded layers along z.
//
// Far field: the Mg2+ decay length sqrt(D/k) in muscle is ~0.37 mm, so 4.75 mm
// of tissue radially and 3 mm beyond each wire end leave the outer boundary at
// background level to better than 1e-5 of the surface excess (exp(-3/0.37)).
//
// Physical groups: volumes "wire", "tissue"; surface "outer" (the whole outer
// boundary). The wire surface is found by the solver from the cell materials:
// gmsh/deal.II cannot tag an internal face.

R_wire  = 0.25;   // wire radius
L_wire  = 5.0;    // wire length
R_out   = 5.0;    // tissue cylinder radius
L_gap   = 3.0;    // tissue beyond each wire end
s_core  = 0.12;   // distance of the core square corners from the axis

n_quarter = 6;    // cells per quarter circle
n_wire    = 2;    // radial cells core -> wire surface
n_tissue  = 12;   // radial cells wire surface -> far field
q_tissue  = 1.3;  // radial growth factor in tissue
n_len     = 10;   // layers along the wire
n_gap     = 6;    // layers beyond each wire end
q_gap     = 1.35; // growth factor of those layers

Mesh.MshFileVersion = 2.2;
Mesh.RecombineAll = 1;

// --- cross-section at z = -L_wire/2 ----------------------------------------
z0 = -L_wire/2;
c = newp; Point(c) = {0, 0, z0};
For i In {0:3}
  a = Pi/4 + i*Pi/2;
  pc[i] = newp; Point(pc[i]) = {s_core*Cos(a), s_core*Sin(a), z0};
  pw[i] = newp; Point(pw[i]) = {R_wire*Cos(a), R_wire*Sin(a), z0};
  po[i] = newp; Point(po[i]) = {R_out*Cos(a),  R_out*Sin(a),  z0};
EndFor
For i In {0:3}
  j = (i+1)%4;
  lc[i] = newl; Line(lc[i])   = {pc[i], pc[j]};          // core edge
  lw[i] = newl; Circle(lw[i]) = {pw[i], c, pw[j]};       // wire surface arc
  lo[i] = newl; Circle(lo[i]) = {po[i], c, po[j]};       // outer arc
  sw[i] = newl; Line(sw[i])   = {pc[i], pw[i]};          // spoke in wire
  st[i] = newl; Line(st[i])   = {pw[i], po[i]};          // spoke in tissue
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

// --- extrusions ---------------------------------------------------------------
// Graded layer heights (cumulative, normalised) growing away from the wire end.
h = 1; tot = 0;
For k In {0:n_gap-1}
  tot += h; h *= q_gap;
EndFor
h = 1; acc = 0;
For k In {0:n_gap-1}
  acc += h; h *= q_gap;
  up[k] = acc/tot;               // growing away from z0 going down is mirrored below
  one[k] = 1;
EndFor

sect[] = {core, ring[], outer[]};
wire_vols[] = {}; tissue_vols[] = {};

// Along the wire: core + ring are metal, outer ring is tissue.
For i In {0:#sect[]-1}
  ex[] = Extrude {0, 0, L_wire} { Surface{sect[i]}; Layers{n_len}; Recombine; };
  top_mid[i] = ex[0];
  If (i < 5)
    wire_vols[] += ex[1];
  Else
    tissue_vols[] += ex[1];
  EndIf
EndFor
// Beyond the upper wire end: all tissue, layers growing upwards.
For i In {0:#sect[]-1}
  ex[] = Extrude {0, 0, L_gap} { Surface{top_mid[i]}; Layers{one[], up[]}; Recombine; };
  tissue_vols[] += ex[1];
EndFor
// Beyond the lower wire end: all tissue, layers growing downwards.
For i In {0:#sect[]-1}
  ex[] = Extrude {0, 0, -L_gap} { Surface{sect[i]}; Layers{one[], up[]}; Recombine; };
  tissue_vols[] += ex[1];
EndFor

Physical Volume("wire", 1) = {wire_vols[]};
Physical Volume("tissue", 2) = {tissue_vols[]};
Physical Surface("outer", 1) = Abs(CombinedBoundary{ Volume{wire_vols[], tissue_vols[]}; });
