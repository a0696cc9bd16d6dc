"""What people type back in: figures and targets in import files, trackers read back, review decisions."""
