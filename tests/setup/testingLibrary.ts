// Component tests wait for lazily loaded sections (React.lazy chunks) and Fluent's async layout. Testing
// Library's default of 1 s per wait is met on a quiet machine but not on a 2-core CI machine under load; a
// longer bound changes no assertion, only how long a failing one takes to report.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
