"""Selection: the status machine (`workflow`), reviewers and their scores (`reviewing`),
staff decisions (`decisions`), exports of the applications' list (`exports`), and who may
do what (`permissions`, `roles`)."""
