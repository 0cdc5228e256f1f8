// The renderer entry. It will mount the React lab; for now it only proves the
// web tsconfig: DOM types, no Node types, shared code importable.
import { JOB_STATES } from '../shared/job/states.ts';

const root = document.getElementById('app');
if (root) root.dataset.states = JOB_STATES.join(' ');
