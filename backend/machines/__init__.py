"""The state machines the models inherit (django-fsm): each machine's states, its
`@transition` methods with their guards and permissions, and the enum that names its
transitions. Nothing here writes beyond the transition itself: the actions in `workflows/`
lock, run, record and hand off."""
