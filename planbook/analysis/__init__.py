"""Analysis: indicator rows joined into chapter tables, the plan against the outcome, the audit."""
