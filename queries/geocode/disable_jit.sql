-- For the rest of this transaction, plan without JIT compilation: a batch of
-- points looks costly to the planner and would spend most of a second compiling.
SELECT set_config('jit', 'off', true) AS jit
