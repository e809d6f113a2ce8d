import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		modulePreload: {
			// A dynamic import (the lesson player, loaded while the student reads the start screen)
			// has its styles loaded ahead, and its scripts fetched as its modules ask for them: most
			// of them are already loaded, and a preload link for each cost the start screen's main
			// thread a request apiece (about 45 ms on a 4× slowed CPU).
			resolveDependencies: (_file, deps) => deps.filter((dep) => dep.endsWith('.css'))
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/server/pg-global-setup.ts']
	}
});
