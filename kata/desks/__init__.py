"""Chapter 10: the learner's own tests run against the front desk and broken front desks, and the verdict."""
